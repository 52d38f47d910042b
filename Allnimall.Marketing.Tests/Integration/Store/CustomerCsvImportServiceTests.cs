using System.Text;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Tests.Support;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Store;

public sealed class CustomerCsvImportServiceTests : IAsyncLifetime
{
    private const string MixedCsv =
        "external_id,first_name,last_name,email,phone,birth_date,gender,email_consent,favourite_food\r\n" +
        "C-1,Siti,Rahayu,siti@example.com,+62 812 3456 7890,1990-04-17,female,yes,kibble\r\n" +
        "C-2,Budi,,budi@example,,,,,\r\n" +
        "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,,,,,,,\r\n" +
        "C-4,Ani,,,,17/04/1990,,,\r\n" +
        "C-5,\"Wati, \"\"W\"\"\",,,,,,maybe,\r\n" +
        "C-6,Dewi,,,,,,no,\r\n";

    private SqliteTestDatabase database = null!;
    private CustomerCsvImportService import = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        import = new CustomerCsvImportService(new StoreIngestService(database, database.Clock));
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Good_rows_land_and_bad_rows_are_reported_with_line_and_column()
    {
        var result = await ImportAsync(MixedCsv);

        Assert.True(result.Succeeded);
        Assert.Equal((6, 2, 0, 4), (result.Total, result.Inserted, result.Updated, result.Rejected));
        Assert.Equal(["favourite_food"], result.IgnoredColumns);
        Assert.Contains(result.RejectedRows, r => r is { Row: 3, ExternalId: "C-2", Column: "email" });
        Assert.Contains(result.RejectedRows, r => r is { Row: 4, Column: "first_name" });
        Assert.Contains(result.RejectedRows, r => r is { Row: 5, ExternalId: "C-4", Column: "birth_date" });
        Assert.Contains(result.RejectedRows, r => r is { Row: 6, ExternalId: "C-5", Column: "email_consent" });
        await using var db = database.CreateDbContext();
        var siti = await db.Customers.SingleAsync(c => c.ExternalId == "C-1", Ct);
        Assert.Equal(("+6281234567890", new DateOnly(1990, 4, 17), true, ConsentSources.CsvImport),
            (siti.Phone, siti.BirthDate, siti.EmailConsent, siti.EmailConsentSource));
        Assert.Equal(["C-1", "C-6"], await db.Customers.OrderBy(c => c.ExternalId).Select(c => c.ExternalId).ToListAsync(Ct));
    }

    [Fact]
    public async Task Importing_the_same_file_again_updates_instead_of_duplicating()
    {
        await ImportAsync(MixedCsv);

        var again = await ImportAsync(MixedCsv);

        Assert.Equal((0, 2, 4), (again.Inserted, again.Updated, again.Rejected));
        await using var db = database.CreateDbContext();
        Assert.Equal(2, await db.Customers.CountAsync(Ct));
    }

    [Fact]
    public async Task The_rejected_rows_report_is_formula_safe()
    {
        var result = await ImportAsync(MixedCsv);

        var report = ReadCsv(CustomerCsvImportService.WriteRejectedReport(result.RejectedRows));

        Assert.Equal(["row", "external_id", "column", "reason"], report[0]);
        var formulaRow = Assert.Single(report, r => r[1].Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.Equal("'=HYPERLINK(\"http://x\",\"y\")", formulaRow[1]);
        Assert.Equal(("4", "first_name"), (formulaRow[0], formulaRow[2]));
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+15551234567")]
    [InlineData("-cmd")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public void Report_cells_that_a_spreadsheet_would_run_get_a_leading_quote(string externalId)
    {
        var bytes = CustomerCsvImportService.WriteRejectedReport([new CsvRejectedRow(2, externalId, "first_name", "Required.")]);

        var cell = ReadCsv(bytes)[1][1];

        // Phone-like ids gain the quote too: the report is for reading, not for re-import.
        Assert.Equal("'" + externalId, cell);
    }

    [Fact]
    public void Report_cells_lose_nul_characters_and_are_then_escaped()
    {
        var bytes = CustomerCsvImportService.WriteRejectedReport([new CsvRejectedRow(2, "\0=1+1", "first_name", "Required.")]);

        Assert.Equal("'=1+1", ReadCsv(bytes)[1][1]);
        Assert.DoesNotContain((byte)0, bytes);
    }

    [Fact]
    public async Task Progress_counts_rows_through_to_the_total()
    {
        var csv = new StringBuilder("external_id,first_name\n");
        for (var i = 0; i < 2_500; i++) csv.Append($"C-{i},Name {i}\n");
        var progress = new RecordingProgress();

        var result = await ImportAsync(csv.ToString(), progress: progress);

        Assert.Equal(2_500, result.Inserted);
        Assert.Equal([1_000, 2_000, 2_500], progress.Reports.Select(p => p.Processed));
        Assert.All(progress.Reports, p => Assert.Equal(2_500, p.Total));
    }

    [Theory]
    [InlineData("customers.xlsx")]
    [InlineData("customers.csv.exe")]
    [InlineData("customers")]
    public async Task Files_that_are_not_csv_by_name_are_refused(string fileName)
    {
        var result = await ImportAsync(MixedCsv, fileName);

        Assert.False(result.Succeeded);
        Assert.Contains(".csv", result.FileError);
        await AssertNothingImportedAsync();
    }

    [Fact]
    public async Task Binary_content_named_csv_is_refused()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        var result = await import.ImportAsync("customers.csv", new MemoryStream(png), ct: Ct);

        Assert.Contains("not a text CSV", result.FileError);
        await AssertNothingImportedAsync();
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused()
    {
        var big = new byte[CustomerCsvImportService.MaxFileBytes + 1];
        Array.Fill(big, (byte)'a');

        var result = await import.ImportAsync("customers.csv", new MemoryStream(big), ct: Ct);

        Assert.Contains("larger than 20 MB", result.FileError);
    }

    [Fact]
    public async Task A_header_without_the_required_columns_is_refused()
    {
        var result = await ImportAsync("id,name\nC-1,Siti\n");

        Assert.Contains("external_id, first_name", result.FileError);
        await AssertNothingImportedAsync();
    }

    [Fact]
    public async Task The_sample_file_imports_cleanly()
    {
        var sample = Encoding.UTF8.GetString(CustomerCsvImportService.SampleCsv());

        var result = await ImportAsync(sample);

        Assert.Equal((2, 2, 0), (result.Total, result.Inserted, result.Rejected));
        Assert.Empty(result.IgnoredColumns);
    }

    private Task<CustomerCsvImportResult> ImportAsync(string csv, string fileName = "customers.csv", IProgress<CsvImportProgress>? progress = null) =>
        import.ImportAsync(fileName, new MemoryStream(Encoding.UTF8.GetBytes(csv)), progress, Ct);

    private async Task AssertNothingImportedAsync()
    {
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.Customers.CountAsync(Ct));
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Current.ToArray());
        return rows;
    }

    /// <summary>Records synchronously (<see cref="Progress{T}"/> would post to a thread-pool callback).</summary>
    private sealed class RecordingProgress : IProgress<CsvImportProgress>
    {
        public List<CsvImportProgress> Reports { get; } = [];
        public void Report(CsvImportProgress value) => Reports.Add(value);
    }
}
