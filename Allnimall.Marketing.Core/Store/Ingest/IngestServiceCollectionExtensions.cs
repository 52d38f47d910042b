using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Core.Store.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>Store-data ingest (API batches) and the customer CSV import built on it.</summary>
    public static IServiceCollection AddStoreIngest(this IServiceCollection services) =>
        services.AddScoped<StoreIngestService>().AddScoped<CustomerCsvImportService>();
}
