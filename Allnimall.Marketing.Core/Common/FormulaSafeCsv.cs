using CsvHelper;

namespace Allnimall.Marketing.Core.Common;

/// <summary>
/// CSV for people to open in spreadsheets. Spreadsheets run cells that start with = + - @ tab or CR as formulas (CSV
/// injection): CsvHelper's <see cref="CsvInjection.Escape"/> gives those cells a leading quote. NUL cannot be
/// configured as such a character, so <see cref="Cell"/> removes it. Fields are RFC 4180-quoted when needed.
/// </summary>
public static class FormulaSafeCsv
{
    /// <summary>For a whole file: starts with a byte order mark so Excel reads UTF-8.</summary>
    public static readonly CsvWriterOptions FileOptions = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    /// <summary>For a later part of a file written in pieces (no second byte order mark).</summary>
    public static readonly CsvWriterOptions ContinuationOptions = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = false };

    public static string? Cell(string? value) => value?.Replace("\0", "", StringComparison.Ordinal);

    /// <summary>Writes <paramref name="rows"/> (with <paramref name="header"/> when given) as one piece of a file.</summary>
    public static byte[] Write(string[]? header, IEnumerable<string?[]> rows, bool first)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, first ? FileOptions : ContinuationOptions, leaveOpen: true))
        {
            if (header is not null) writer.WriteHeader(header);
            foreach (var row in rows) writer.WriteRecord(row.Select(Cell).ToArray()!);
        }
        return stream.ToArray();
    }
}
