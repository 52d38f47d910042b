using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Core.Segments;

public static class SegmentServiceCollectionExtensions
{
    public static IServiceCollection AddSegments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SegmentOptions>().Bind(configuration.GetSection("Segments"))
            .Validate(o => o.RefreshIntervalMinutes is >= 1 and <= 10_080, "Segments:RefreshIntervalMinutes must be 1–10080")
            .ValidateOnStart();
        return services.AddScoped<SegmentRefresher>().AddScoped<SegmentService>().AddScoped<DemoSegments>()
            .AddTransient<RecalculateSegmentsJob>();
    }
}
