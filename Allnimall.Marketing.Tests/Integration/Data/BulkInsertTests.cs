using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Data;

/// <summary>
/// The bulk path must store every column exactly as EF's SaveChanges does, or queries over the two would disagree; and
/// it writes inside the caller's transaction.
/// </summary>
public sealed class BulkInsertTests : IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateTime Now => database.Clock.GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Customers_are_stored_as_SaveChanges_stores_them()
    {
        await SaveBothWaysAsync(SampleCustomer("EF"), SampleCustomer("BULK"));

        var (ef, bulk) = await ReadRawPairAsync("customers");

        AssertSameColumns(ef, bulk, except: ["id", "external_id"]);
        Assert.Equal(Now.ToString("yyyy-MM-dd HH:mm:ss"), ((string)bulk["created_at"].Value!)[..19]);
    }

    [Fact]
    public async Task Orders_and_items_are_stored_as_SaveChanges_stores_them()
    {
        var customer = SampleCustomer("C");
        var product = new Product { ExternalId = "P", Sku = "SKU", Name = "Kibble", Price = 12.5m, CostPrice = 7.25m, StockStatus = StockStatus.LowStock };
        await using (var db = database.CreateDbContext())
        {
            db.AddRange(customer, product);
            await db.SaveChangesAsync(Ct);
        }
        Order SampleOrder(string id) => new()
        {
            ExternalId = id, CustomerId = customer.Id, PlacedAt = new DateTime(2026, 10, 3, 4, 5, 6, 789, DateTimeKind.Utc),
            Status = OrderStatus.Shipped, Subtotal = 1234.56m, Discount = 0.1m, Total = 1234.46m, PromoCode = "PET10", Channel = SalesChannel.InStore,
        };
        var (viaEf, viaBulk) = (SampleOrder("EF"), SampleOrder("BULK"));
        viaEf.Items.Add(new OrderItem { ProductId = product.Id, Quantity = 3, UnitPrice = 411.52m, LineTotal = 1234.56m });
        var bulkItem = new OrderItem { OrderId = viaBulk.Id, ProductId = product.Id, Quantity = 3, UnitPrice = 411.52m, LineTotal = 1234.56m };

        await SaveBothWaysAsync(viaEf, viaBulk, bulkItem);

        var (ef, bulk) = await ReadRawPairAsync("orders");
        AssertSameColumns(ef, bulk, except: ["id", "external_id"]);
        var items = await ReadRawAsync("order_items");
        AssertSameColumns(items[0], items[1], except: ["id", "order_id"]);
    }

    [Fact]
    public async Task Browsing_events_are_stored_as_SaveChanges_stores_them()
    {
        var customer = SampleCustomer("C");
        var category = new ProductCategory { ExternalId = "CAT", Name = "Toys" };
        await using (var db = database.CreateDbContext())
        {
            db.AddRange(customer, category);
            await db.SaveChangesAsync(Ct);
        }
        BrowsingEvent Sample(string id) => new()
        {
            ExternalId = id, CustomerId = customer.Id, CategoryId = category.Id, ViewedAt = new DateTime(2026, 10, 3, 4, 5, 6, DateTimeKind.Utc),
        };

        await SaveBothWaysAsync(Sample("EF"), Sample("BULK"));

        var (ef, bulk) = await ReadRawPairAsync("browsing_events");
        AssertSameColumns(ef, bulk, except: ["id", "external_id"]);
    }

    [Fact]
    public async Task Many_rows_land_in_the_callers_transaction_and_leave_with_its_rollback()
    {
        var customer = SampleCustomer("C");
        await using (var db = database.CreateDbContext())
        {
            db.Add(customer);
            await db.SaveChangesAsync(Ct);
        }
        var events = Enumerable.Range(0, 250).Select(i => new BrowsingEvent
        {
            ExternalId = $"E{i}", CustomerId = customer.Id, ViewedAt = Now.AddMinutes(-i),
        }).ToList();

        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await BulkInsert.InsertAsync(db, events, stampTimestampsAt: null, Ct);
            Assert.Equal(events.Select(e => e.ExternalId).Order(), await db.BrowsingEvents.Select(e => e.ExternalId).OrderBy(x => x).ToListAsync(Ct));
            await transaction.RollbackAsync(Ct);
        }

        await using var check = database.CreateDbContext();
        Assert.Equal(0, await check.BrowsingEvents.CountAsync(Ct));
    }

    [Fact]
    public async Task Refuses_to_write_outside_a_transaction()
    {
        await using var db = database.CreateDbContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => BulkInsert.InsertAsync(db, [SampleCustomer("C")], Now, Ct));

        Assert.Equal(0, await db.Customers.CountAsync(Ct));
    }

    [Fact]
    public async Task Stamps_only_unset_timestamps_and_only_when_asked()
    {
        var earlier = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var (dated, undated, unstamped) = (SampleCustomer("DATED"), SampleCustomer("UNDATED"), SampleCustomer("UNSTAMPED"));
        dated.CreatedAt = dated.UpdatedAt = earlier;

        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await BulkInsert.InsertAsync(db, [dated, undated], stampTimestampsAt: Now, Ct);
            await BulkInsert.InsertAsync(db, [unstamped], stampTimestampsAt: null, Ct);
            await transaction.CommitAsync(Ct);
        }

        await using var check = database.CreateDbContext();
        var stored = await check.Customers.ToDictionaryAsync(c => c.ExternalId, c => (c.CreatedAt, c.UpdatedAt), Ct);
        Assert.Equal((earlier, earlier), stored["DATED"]);
        Assert.Equal((Now, Now), stored["UNDATED"]);
        Assert.Equal((Now, Now), (undated.CreatedAt, undated.UpdatedAt));
        Assert.Equal((default(DateTime), default(DateTime)), stored["UNSTAMPED"]);
    }

    private static Customer SampleCustomer(string externalId) => new()
    {
        ExternalId = externalId, FirstName = "Siti", LastName = "Rahayu", Email = "siti@example.com", Phone = "+6281234567890",
        BirthDate = new DateOnly(1990, 4, 17), Gender = Gender.Female, City = "Bandung", Region = "West Java", Country = "Indonesia",
        IncomeBand = IncomeBand.UpperMiddle, EmailConsent = true, EmailConsentAt = new DateTime(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc),
        EmailConsentSource = ConsentSources.StoreApi, SmsConsent = false, IsActive = true,
    };

    /// <summary>The first entity through SaveChanges; the others through the bulk path, in that order.</summary>
    private async Task SaveBothWaysAsync<T>(T viaSaveChanges, T viaBulk, params OrderItem[] bulkItems) where T : class
    {
        await using (var db = database.CreateDbContext())
        {
            db.Add(viaSaveChanges);
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = database.CreateDbContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await BulkInsert.InsertAsync(db, [viaBulk], Now, Ct);
            await BulkInsert.InsertAsync(db, bulkItems, Now, Ct);
            Assert.Empty(db.ChangeTracker.Entries());
            await transaction.CommitAsync(Ct);
        }
    }

    private async Task<(Dictionary<string, RawValue> First, Dictionary<string, RawValue> Second)> ReadRawPairAsync(string table)
    {
        var rows = await ReadRawAsync(table);
        Assert.Equal(2, rows.Count);
        return (rows[0], rows[1]);
    }

    /// <summary>Each column's storage class and value as SQLite holds them, in insertion order.</summary>
    private async Task<List<Dictionary<string, RawValue>>> ReadRawAsync(string table)
    {
        await using var db = database.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, RawValue>>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new Dictionary<string, RawValue>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                row[reader.GetName(i)] = new RawValue(value?.GetType().Name ?? "null", value is byte[] bytes ? Convert.ToHexString(bytes) : value);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static void AssertSameColumns(Dictionary<string, RawValue> expected, Dictionary<string, RawValue> actual, string[] except)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var column in expected.Keys)
        {
            if (except.Contains(column)) Assert.Equal(expected[column].StorageType, actual[column].StorageType);
            else Assert.True(expected[column] == actual[column], $"{column}: SaveChanges stored {expected[column]}, bulk stored {actual[column]}");
        }
    }

    private sealed record RawValue(string StorageType, object? Value);
}
