using System.Text.Json;
using System.Text.Json.Serialization;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Web.Api;
using Coravel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MudBlazor.Services;

namespace Allnimall.Marketing.Web.Hosting;

public static class WebServiceCollectionExtensions
{
    /// <summary>Blazor, MudBlazor, sign-in and policies, API conventions, health and OpenAPI, the scheduler.</summary>
    public static WebApplicationBuilder AddMarketingWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Structured logs: one JSON object per event outside Development, readable text while developing.
        if (!builder.Environment.IsDevelopment())
            builder.Logging.ClearProviders().AddJsonConsole(o => o.UseUtcTimestamp = true);
        services.AddRazorComponents()
            .AddInteractiveServerComponents(o => o.DetailedErrors = builder.Environment.IsDevelopment());
        services.AddMudServices();
        builder.AddMarketingAuthentication();
        builder.AddMarketingSecurityHeaders();

        services.AddProblemDetails();
        services.AddValidation();
        services.ConfigureHttpJsonOptions(o => ConfigureApiJson(o.SerializerOptions));
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddScheduler();
        services.AddEmailTrackingRateLimits();
        services.AddNewsletterRateLimits();
        services.AddSingleton<UnknownCodeAttempts>();
        return builder;
    }

    /// <summary>The API speaks the spec's snake_case; unknown properties are refused rather than silently dropped.</summary>
    public static void ConfigureApiJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A rule's "type" need not come first in the JSON a caller writes.
        options.AllowOutOfOrderMetadataProperties = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }
}

internal sealed class DatabaseHealthCheck(IDbContextFactory<MarketingDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database is not reachable.");
    }
}
