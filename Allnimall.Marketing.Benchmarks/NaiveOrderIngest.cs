using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Store.Ingest;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Benchmarks;

/// <summary>
/// The pattern the batch path replaces, kept here as the baseline: one long-lived context, and for every order a
/// lookup of its customer, its products and itself, then one SaveChanges. It validates nothing, which flatters it.
/// </summary>
internal static class NaiveOrderIngest
{
    public static async Task<int> RunAsync(MarketingDbContext db, IReadOnlyList<OrderIngestRow> rows, Func<int, bool> keepGoing)
    {
        var done = 0;
        foreach (var row in rows)
        {
            if (!keepGoing(done)) break;
            var order = await db.Orders.Include(o => o.Items).SingleOrDefaultAsync(o => o.ExternalId == row.ExternalId);
            if (order is null)
            {
                order = new Order { ExternalId = row.ExternalId! };
                db.Orders.Add(order);
            }
            else order.Items.Clear();

            order.CustomerId = await db.Customers.Where(c => c.ExternalId == row.CustomerExternalId).Select(c => c.Id).SingleAsync();
            order.PlacedAt = row.PlacedAt!.Value;
            order.Subtotal = row.Subtotal!.Value;
            order.Total = row.Total!.Value;
            foreach (var item in row.Items!)
            {
                order.Items.Add(new OrderItem
                {
                    ProductId = await db.Products.Where(p => p.ExternalId == item!.ProductExternalId).Select(p => p.Id).SingleAsync(),
                    Quantity = item!.Quantity!.Value,
                    UnitPrice = item.UnitPrice!.Value,
                    LineTotal = item.Quantity.Value * item.UnitPrice.Value,
                });
            }
            await db.SaveChangesAsync();
            done++;
        }
        return done;
    }
}
