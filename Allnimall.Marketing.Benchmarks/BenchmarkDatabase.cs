using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Benchmarks;

/// <summary>A migrated SQLite file in the temp folder, set up as the app sets up its own (WAL); deleted on dispose.</summary>
internal sealed class BenchmarkDatabase : IDbContextFactory<MarketingDbContext>, IAsyncDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"allnimall-bench-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<MarketingDbContext> options;

    private BenchmarkDatabase() =>
        options = MarketingDbContextOptions.Standalone(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = ConnectionString });

    public string ConnectionString => $"Data Source={path}";

    public static async Task<BenchmarkDatabase> CreateAsync()
    {
        var database = new BenchmarkDatabase();
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
        return database;
    }

    public MarketingDbContext CreateDbContext() => new SqliteMarketingDbContext(options);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        return ValueTask.CompletedTask;
    }
}
