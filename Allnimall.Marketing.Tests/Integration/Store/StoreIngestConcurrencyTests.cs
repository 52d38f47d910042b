using System.Data.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Allnimall.Marketing.Tests.Integration.Store;

public sealed class StoreIngestConcurrencyTests : IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task A_customer_inserted_by_someone_else_after_the_lookup_is_updated_not_duplicated()
    {
        // Right after the batch has looked up existing customers, another writer inserts the same external id.
        var raced = new RaceAfterLookup(database);
        var ingest = new StoreIngestService(new InterceptedFactory(database, raced), database.Clock);

        var result = await ingest.IngestCustomersAsync(
            [new CustomerIngestRow { ExternalId = "C-RACE", FirstName = "From the batch" }], ConsentSources.StoreApi, Ct);

        Assert.True(raced.Fired);
        Assert.Equal((0, 1, 0), (result.Inserted, result.Updated, result.Rejected));
        await using var db = database.CreateDbContext();
        Assert.Equal("From the batch", (await db.Customers.SingleAsync(Ct)).FirstName);
    }

    private sealed class InterceptedFactory(SqliteTestDatabase database, IInterceptor interceptor) : IDbContextFactory<MarketingDbContext>
    {
        public MarketingDbContext CreateDbContext() =>
            new SqliteMarketingDbContext(new DbContextOptionsBuilder<MarketingDbContext>(database.Options).AddInterceptors(interceptor).Options);
    }

    private sealed class RaceAfterLookup(SqliteTestDatabase database) : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (!Fired && command.CommandText.Contains("FROM \"customers\"", StringComparison.Ordinal))
            {
                Fired = true;
                await using var other = database.CreateDbContext();
                other.Customers.Add(new Customer { ExternalId = "C-RACE", FirstName = "From elsewhere" });
                await other.SaveChangesAsync(cancellationToken);
            }
            return result;
        }
    }
}
