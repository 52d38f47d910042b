using System.Globalization;
using Allnimall.Marketing.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Benchmarks.Segments;

/// <summary>
/// A large synthetic store in a temp SQLite file, written with prepared ADO.NET inserts (the fastest way to make test
/// data; the product itself never writes like this). Values are stored the way EF Core stores them on SQLite.
/// </summary>
internal sealed class SyntheticStore : IDbContextFactory<MarketingDbContext>, IAsyncDisposable
{
    public static readonly string[] Cities = ["Jakarta", "Surabaya", "Bandung", "Medan", "Semarang", "Makassar", "Denpasar", "Yogyakarta", "Tangerang", "Bekasi"];

    private readonly BenchmarkDatabase database;

    private SyntheticStore(BenchmarkDatabase database, DateTime now)
    {
        this.database = database;
        Now = now;
    }

    public DateTime Now { get; }
    public string AdminId { get; } = Guid.NewGuid().ToString();

    public MarketingDbContext CreateDbContext() => database.CreateDbContext();

    public static async Task<SyntheticStore> CreateAsync(int customers, double ordersPerCustomer, DateTime now, int seed = 42)
    {
        var store = new SyntheticStore(await BenchmarkDatabase.CreateAsync(), now);
        await using (var db = store.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO AspNetUsers (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, created_at) " +
                "VALUES ({0}, 'bench', 'BENCH', 'bench@x', 'BENCH@X', 1, 0, 0, 0, 0, {1})", store.AdminId, now);
        }
        await store.FillAsync(customers, ordersPerCustomer, new Random(seed));
        return store;
    }

    private async Task FillAsync(int customerCount, double ordersPerCustomer, Random random)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync();
        }
        await using var transaction = connection.BeginTransaction();
        var customer = Prepare(connection, transaction,
            "INSERT INTO customers (id, external_id, first_name, last_name, email, gender, city, country, email_consent, sms_consent, is_active, created_at, updated_at) " +
            "VALUES ($id, $ext, $first, 'Synthetic', $email, $gender, $city, 'Indonesia', 1, 0, 1, $created, $created)",
            "$id", "$ext", "$first", "$email", "$gender", "$city", "$created");
        var order = Prepare(connection, transaction,
            "INSERT INTO orders (id, external_id, customer_id, placed_at, status, subtotal, discount, total, channel, created_at, updated_at) " +
            "VALUES ($id, $ext, $customer, $placed, 'completed', $total, '0.0', $total, 'online', $placed, $placed)",
            "$id", "$ext", "$customer", "$placed", "$total");
        var orderNumber = 0;
        string[] genders = ["female", "male", "other", "unknown"];
        for (var i = 0; i < customerCount; i++)
        {
            var id = Guid.CreateVersion7();
            var created = Now.AddDays(-random.Next(30, 1500));
            Execute(customer, Text(id), $"C{i:D7}", $"Customer{i}", $"c{i}@example.com", genders[random.Next(genders.Length)],
                Cities[random.Next(Cities.Length)], DateText(created));
            var orders = Poisson(random, ordersPerCustomer);
            for (var k = 0; k < orders; k++)
            {
                var placed = Now.AddDays(-random.NextDouble() * 730);
                var total = Math.Round((decimal)(random.NextDouble() * 95 + 5), 2); // 5–100, so "spend > 100" needs several orders
                Execute(order, Text(Guid.CreateVersion7()), $"O{orderNumber++:D8}", Text(id), DateText(placed), total.ToString(CultureInfo.InvariantCulture));
            }
        }
        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        await analyze.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter(name, SqliteType.Text));
        command.Prepare();
        return command;
    }

    private static void Execute(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string DateText(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
