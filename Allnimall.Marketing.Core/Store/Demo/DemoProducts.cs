using Bogus;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>A catalogue product with what the generator knows about it.</summary>
internal sealed record DemoStockItem(Product Product, DemoProductSpec Spec, double Popularity);

/// <summary>
/// The demo catalogue as entities, and the taste model that picks products for a shopper: mostly for their own pets,
/// cheaper or pricier packs by income, popular products more often.
/// </summary>
internal sealed class DemoProducts
{
    private readonly Dictionary<(DemoPet, DemoPet?, double), double[]> tasteCache = [];
    private readonly Dictionary<(DemoPet, double), (DemoStockItem[] Items, double[] Cumulative)> stapleCache = [];

    private DemoProducts(List<ProductCategory> categories, List<DemoStockItem> items)
    {
        Categories = categories;
        Items = items;
    }

    public IReadOnlyList<ProductCategory> Categories { get; }
    public IReadOnlyList<DemoStockItem> Items { get; }

    public static DemoProducts Generate(int seed, DateTime now)
    {
        var random = new Randomizer(seed);
        var categories = DemoCatalog.Categories.ToDictionary(c => c.ExternalId, c => new ProductCategory
        {
            ExternalId = c.ExternalId, Name = c.Name, CreatedAt = now.AddDays(-1100), UpdatedAt = now.AddDays(-1100),
        });
        var skuCounters = DemoCatalog.Categories.ToDictionary(c => c.ExternalId, _ => 0);
        var items = DemoCatalog.Products.Select((spec, i) =>
        {
            var category = DemoCatalog.Categories.Single(c => c.ExternalId == spec.Category);
            var createdAt = now.AddDays(-random.Number(400, 1100)).AddMinutes(-random.Number(0, 1439));
            var status = random.Pick<StockStatus>(
                [(StockStatus.InStock, 87), (StockStatus.LowStock, 8), (StockStatus.OutOfStock, 4), (StockStatus.Discontinued, 1)]);
            var product = new Product
            {
                ExternalId = $"P{i + 1:D5}",
                Sku = $"{category.SkuPrefix}-{++skuCounters[spec.Category]:D3}",
                Name = spec.Name,
                CategoryId = categories[spec.Category].Id,
                Price = spec.Price,
                // Pet-shop margins: cost is 55–80% of the shelf price, in whole hundreds of Rupiah.
                CostPrice = Math.Round(spec.Price * (0.55m + 0.25m * (decimal)random.Double()) / 100m) * 100m,
                StockStatus = status,
                IsActive = status != StockStatus.Discontinued,
                CreatedAt = createdAt,
                UpdatedAt = now.AddDays(-random.Number(0, 90)).AddMinutes(-random.Number(0, 1439)),
            };
            // A few best sellers, a long tail; staples sell the most.
            var popularity = (0.15 + 2 * Math.Pow(random.Double(), 2)) * (spec.Kind == DemoProductKind.Staple ? 1.5 : 1);
            return new DemoStockItem(product, spec, popularity);
        }).ToList();
        return new DemoProducts(categories.Values.ToList(), items);
    }

    /// <summary>Any product, weighted by the shopper's pets, budget and the product's popularity.</summary>
    public DemoStockItem PickFor(Randomizer random, DemoShopper shopper)
    {
        var key = (shopper.Pet, shopper.SecondPet, shopper.SpendFactor);
        if (!tasteCache.TryGetValue(key, out var cumulative))
            tasteCache[key] = cumulative = DemoRandom.Cumulative(Items.Select(i => i.Popularity * PetFit(i, shopper) * PriceFit(i, shopper.SpendFactor)));
        return Items[random.PickIndex(cumulative)];
    }

    /// <summary>The food a shopper's main pet lives on; loyal buyers stick to it.</summary>
    public DemoStockItem PickStaple(Randomizer random, DemoShopper shopper)
    {
        var key = (shopper.Pet, shopper.SpendFactor);
        if (!stapleCache.TryGetValue(key, out var staples))
        {
            var items = Items.Where(i => i.Spec.Kind == DemoProductKind.Staple && i.Spec.Pet == shopper.Pet).ToArray();
            staples = (items, DemoRandom.Cumulative(items.Select(i => i.Popularity * Math.Pow(PriceFit(i, shopper.SpendFactor), 2))));
            stapleCache[key] = staples;
        }
        return staples.Items[random.PickIndex(staples.Cumulative)];
    }

    /// <summary>Another product from the same category, as a shopper compares before buying.</summary>
    public DemoStockItem PickSimilar(Randomizer random, DemoStockItem item)
    {
        var candidates = Items.Where(i => i.Spec.Category == item.Spec.Category && i != item).ToArray();
        return candidates[random.Number(0, candidates.Length - 1)];
    }

    public ProductCategory CategoryOf(DemoStockItem item) => Categories.Single(c => c.Id == item.Product.CategoryId);

    private static double PetFit(DemoStockItem item, DemoShopper shopper) =>
        item.Spec.Pet == shopper.Pet ? 10 : item.Spec.Pet == shopper.SecondPet ? 4 : item.Spec.Pet == DemoPet.Any ? 2.5 : 0.1;

    /// <summary>Budget shoppers shy away from expensive products, affluent ones lean towards them.</summary>
    private static double PriceFit(DemoStockItem item, double spendFactor) =>
        Math.Pow(item.Spec.Price / 100_000.0, 0.8 * (spendFactor - 1));
}
