using Allnimall.Marketing.Core.Store.Ingest;

namespace Allnimall.Marketing.Benchmarks;

/// <summary>Deterministic store data: customers and products to reference, then orders of 1–4 items each.</summary>
internal sealed class StoreDataGenerator(int customers, int products, DateTime now)
{
    private const int Seed = 20261125;

    public List<CustomerIngestRow> Customers() =>
        Enumerable.Range(1, customers).Select(i => new CustomerIngestRow
        {
            ExternalId = CustomerId(i),
            FirstName = $"Customer {i}",
            LastName = "Benchmark",
            Email = $"customer{i}@example.com",
            EmailConsent = i % 3 != 0,
        }).ToList();

    public List<ProductIngestRow> Products() =>
        Enumerable.Range(1, products).Select(i => new ProductIngestRow
        {
            ExternalId = ProductId(i),
            Sku = $"SKU-{i:D5}",
            Name = $"Pet product {i}",
            Price = PriceOf(i),
        }).ToList();

    public List<OrderIngestRow> Orders(int count)
    {
        var random = new Random(Seed);
        var orders = new List<OrderIngestRow>(count);
        for (var i = 1; i <= count; i++)
        {
            var items = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
            {
                var product = random.Next(1, products + 1);
                return new OrderItemIngestRow { ProductExternalId = ProductId(product), Quantity = random.Next(1, 4), UnitPrice = PriceOf(product) };
            }).ToList();
            var subtotal = items.Sum(x => x.Quantity!.Value * x.UnitPrice!.Value);
            orders.Add(new OrderIngestRow
            {
                ExternalId = $"O-{i:D7}",
                CustomerExternalId = CustomerId(random.Next(1, customers + 1)),
                PlacedAt = now.AddMinutes(-random.Next(0, 365 * 24 * 60)),
                Subtotal = subtotal,
                Total = subtotal,
                Channel = i % 4 == 0 ? "in_store" : "online",
                Items = items,
            });
        }
        return orders;
    }

    private static string CustomerId(int i) => $"C-{i:D6}";

    private static string ProductId(int i) => $"P-{i:D5}";

    private static decimal PriceOf(int product) => 1.5m + product % 40 * 2.25m;
}
