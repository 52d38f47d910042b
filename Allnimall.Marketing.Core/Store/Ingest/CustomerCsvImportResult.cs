namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>
/// The outcome of a customer CSV import. When <see cref="FileError"/> is set the file was refused as a whole and
/// nothing was imported; otherwise good rows landed and <see cref="RejectedRows"/> says why the others did not.
/// </summary>
public sealed record CustomerCsvImportResult(
    string? FileError, int Total, int Inserted, int Updated, IReadOnlyList<CsvRejectedRow> RejectedRows,
    IReadOnlyList<string> IgnoredColumns)
{
    public bool Succeeded => FileError is null;

    /// <summary>Rows rejected (a row can have several reasons).</summary>
    public int Rejected => RejectedRows.Select(r => r.Row).Distinct().Count();

    public static CustomerCsvImportResult Refused(string error) => new(error, 0, 0, 0, [], []);
}
