namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>One documented column of the customer CSV import.</summary>
public sealed record CsvColumn(string Name, bool Required, string Description, string Example);
