namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>Why a row of an imported CSV was not imported. <see cref="Row"/> is its line in the file (the header is 1).</summary>
public sealed record CsvRejectedRow(int Row, string? ExternalId, string Column, string Reason);
