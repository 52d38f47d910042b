namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>Where a consent change came from, recorded next to its time on the customer.</summary>
public static class ConsentSources
{
    public const string StoreApi = "store_api";
    public const string CsvImport = "csv_import";
}
