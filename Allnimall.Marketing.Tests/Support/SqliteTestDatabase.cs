using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>
/// A real SQLite database in a temp file, migrated with the SQLite migration set, deleted on dispose.
/// A file (not :memory:) so that concurrent contexts see each other's commits, as in the app.
/// </summary>
public sealed class SqliteTestDatabase : IDbContextFactory<MarketingDbContext>, IAsyncDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"allnimall-test-{Guid.NewGuid():N}.db");

    public SqliteTestDatabase(TimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        Options = MarketingDbContextOptions.Standalone(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={path};Pooling=False" }, Clock);
    }

    public TimeProvider Clock { get; }
    public DbContextOptions<MarketingDbContext> Options { get; }

    public static async Task<SqliteTestDatabase> CreateAsync(TimeProvider? clock = null)
    {
        var database = new SqliteTestDatabase(clock);
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await db.Database.MigrateAsync();
        return database;
    }

    public MarketingDbContext CreateDbContext() => new SqliteMarketingDbContext(Options);

    public ValueTask DisposeAsync()
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        return ValueTask.CompletedTask;
    }
}
