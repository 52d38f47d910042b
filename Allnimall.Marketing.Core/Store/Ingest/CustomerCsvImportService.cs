using System.Globalization;
using System.Text.Unicode;
using Allnimall.Marketing.Core.Common;
using CsvHelper;

namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>
/// Imports customers from an uploaded CSV through the same batch upsert as the store API. The upload is processed
/// in memory and never written to disk; consent changes are recorded with the source <c>csv_import</c>.
/// </summary>
public sealed class CustomerCsvImportService(StoreIngestService ingest)
{
    public const long MaxFileBytes = 20L * 1024 * 1024;
    public const int BatchSize = 1_000;

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] TrueFlags = ["true", "yes", "y", "1"];
    private static readonly string[] FalseFlags = ["false", "no", "n", "0"];

    private static readonly CsvReaderOptions ReaderOptions = new()
    {
        TrackLineNumbers = true,
        TrimWhitespace = true,
        // Values can be personal data; keep them out of exception messages and logs.
        IncludeValuesInExceptions = false,
    };

    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("external_id", true, "The customer's id in the store. Re-importing the same id updates the customer.", "C-10042"),
        new("first_name", true, "First name, up to 100 characters.", "Siti"),
        new("last_name", false, "Last name, up to 100 characters.", "Rahayu"),
        new("email", false, "Email address.", "siti@example.com"),
        new("phone", false, "Phone in international format (spaces and dashes are allowed).", "+62 812-3456-7890"),
        new("birth_date", false, "Date of birth as YYYY-MM-DD.", "1990-04-17"),
        new("gender", false, "One of: unknown, female, male, other.", "female"),
        new("city", false, "City.", "Bandung"),
        new("region", false, "Region or province.", "West Java"),
        new("country", false, "Country.", "Indonesia"),
        new("income_band", false, "One of: low, lower_middle, middle, upper_middle, high.", "middle"),
        new("email_consent", false, "Agreed to marketing email: yes/no (true/false, 1/0). Empty keeps the current value.", "yes"),
        new("sms_consent", false, "Agreed to marketing SMS: yes/no (true/false, 1/0). Empty keeps the current value.", "no"),
        new("is_active", false, "Whether the customer is active: yes/no. Empty keeps the current value.", "yes"),
    ];

    /// <summary>
    /// A small file with every column, for the import page's download. Its fixed content is written as is: a phone
    /// number starts with +, which the formula escaping of the report would turn into a value that fails to import.
    /// </summary>
    public static byte[] SampleCsv()
    {
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            writer.WriteHeader(Columns.Select(c => c.Name).ToArray());
            writer.WriteRecord(Columns.Select(c => c.Example).ToArray());
            writer.WriteRecord(Columns.Select(c => c.Name switch { "external_id" => "C-10043", "first_name" => "Budi", _ => "" }).ToArray());
        }
        return stream.ToArray();
    }

    /// <summary>The rejected rows as a CSV (row, external_id, column, reason), with formula-like cells escaped.</summary>
    public static byte[] WriteRejectedReport(IReadOnlyList<CsvRejectedRow> rows) =>
        FormulaSafeCsv.Write(["row", "external_id", "column", "reason"],
            rows.Select(row => new[] { row.Row.ToString(CultureInfo.InvariantCulture), row.ExternalId, row.Column, row.Reason }), first: true);

    public async Task<CustomerCsvImportResult> ImportAsync(
        string fileName, Stream content, IProgress<CsvImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!string.Equals(Path.GetExtension(fileName), ".csv", StringComparison.OrdinalIgnoreCase))
            return CustomerCsvImportResult.Refused("Only .csv files can be imported.");
        var bytes = await ReadLimitedAsync(content, ct);
        if (bytes is null) return CustomerCsvImportResult.Refused($"The file is larger than {MaxFileBytes / 1024 / 1024} MB.");
        if (!IsText(bytes))
            return CustomerCsvImportResult.Refused("The file is not a text CSV. Save it from your spreadsheet as \"CSV UTF-8\" and try again.");

        using var reader = CsvReader.Create(bytes, ReaderOptions);
        var columns = ReadColumns(reader);
        var missing = Columns.Where(c => c.Required && columns[c.Name] < 0).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            return CustomerCsvImportResult.Refused($"The header row lacks the required column(s): {string.Join(", ", missing)}.");
        var total = CountRecords(bytes);
        if (total == 0) return CustomerCsvImportResult.Refused("The file has a header row but no customer rows.");

        var run = new ImportRun(ingest, total, progress);
        while (await reader.ReadAsync(ct))
        {
            var line = (int)reader.LineNumber;
            await run.AddAsync(line, ParseRow(reader, columns, line), ct);
        }
        await run.FlushAsync(ct);
        return new CustomerCsvImportResult(null, total, run.Inserted, run.Updated, run.Rejected, IgnoredColumns(reader));
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Binary files (spreadsheets, images, executables) contain NUL bytes or invalid UTF-8; text CSV has neither.</summary>
    private static bool IsText(byte[] bytes) => bytes.AsSpan().IndexOf((byte)0) < 0 && Utf8.IsValid(bytes);

    private static Dictionary<string, int> ReadColumns(CsvReader reader) =>
        Columns.ToDictionary(c => c.Name, c => reader.TryGetFieldIndex(c.Name, out var index) ? index : -1);

    private static IReadOnlyList<string> IgnoredColumns(CsvReader reader) =>
        reader.Headers.Where(h => !Columns.Any(c => string.Equals(c.Name, h.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();

    private static int CountRecords(byte[] bytes)
    {
        using var counter = CsvReader.Create(bytes, ReaderOptions);
        var count = 0;
        while (counter.Read()) count++;
        return count;
    }

    private static ParsedRow ParseRow(CsvReader reader, Dictionary<string, int> columns, int line)
    {
        string? Cell(string name) => columns[name] is >= 0 and var i && !reader.IsEmpty(i) ? reader.GetString(i) : null;
        var externalId = Cell("external_id");
        var errors = new List<CsvRejectedRow>();
        var row = new CustomerIngestRow
        {
            ExternalId = externalId,
            FirstName = Cell("first_name"),
            LastName = Cell("last_name"),
            Email = Cell("email"),
            Phone = Cell("phone"),
            BirthDate = ParseDate(Cell("birth_date"), v => errors.Add(new(line, externalId, "birth_date", v))),
            Gender = Cell("gender"),
            City = Cell("city"),
            Region = Cell("region"),
            Country = Cell("country"),
            IncomeBand = Cell("income_band"),
            EmailConsent = ParseFlag(Cell("email_consent"), v => errors.Add(new(line, externalId, "email_consent", v))),
            SmsConsent = ParseFlag(Cell("sms_consent"), v => errors.Add(new(line, externalId, "sms_consent", v))),
            IsActive = ParseFlag(Cell("is_active"), v => errors.Add(new(line, externalId, "is_active", v))),
        };
        return new ParsedRow(row, errors);
    }

    private static DateOnly? ParseDate(string? text, Action<string> fail)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        fail("Not a date: use YYYY-MM-DD.");
        return null;
    }

    private static bool? ParseFlag(string? text, Action<string> fail)
    {
        if (text is null) return null;
        if (TrueFlags.Contains(text, StringComparer.OrdinalIgnoreCase)) return true;
        if (FalseFlags.Contains(text, StringComparer.OrdinalIgnoreCase)) return false;
        fail("Use yes or no.");
        return null;
    }

    private sealed record ParsedRow(CustomerIngestRow Row, List<CsvRejectedRow> Errors);

    /// <summary>Gathers parsed rows into batches for the ingest service and keeps the running totals.</summary>
    private sealed class ImportRun(StoreIngestService ingest, int total, IProgress<CsvImportProgress>? progress)
    {
        private readonly List<(int Line, CustomerIngestRow Row)> pending = new(BatchSize);
        private int read;

        public int Inserted { get; private set; }
        public int Updated { get; private set; }
        public List<CsvRejectedRow> Rejected { get; } = [];

        public async Task AddAsync(int line, ParsedRow parsed, CancellationToken ct)
        {
            read++;
            if (parsed.Errors.Count > 0) Rejected.AddRange(parsed.Errors);
            else pending.Add((line, parsed.Row));
            if (pending.Count == BatchSize) await FlushAsync(ct);
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            if (pending.Count > 0)
            {
                var result = await ingest.IngestCustomersAsync(pending.Select(p => p.Row).ToList(), ConsentSources.CsvImport, ct);
                Inserted += result.Inserted;
                Updated += result.Updated;
                Rejected.AddRange(result.Errors.Select(e => new CsvRejectedRow(pending[e.Index].Line, e.ExternalId, e.Field, e.Message)));
                pending.Clear();
            }
            progress?.Report(new CsvImportProgress(read, total));
        }
    }
}
