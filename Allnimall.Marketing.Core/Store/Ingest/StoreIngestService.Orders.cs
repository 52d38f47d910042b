using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Store.Ingest;

public sealed partial class StoreIngestService
{
    /// <summary>
    /// Upserts orders with their items. Customers and products must exist (ingest them first). Re-sending an order
    /// replaces all of its items; an omitted status or channel keeps the stored one.
    /// </summary>
    public async Task<IngestResult> IngestOrdersAsync(IReadOnlyList<OrderIngestRow?> rows, CancellationToken ct = default)
    {
        EnsureWithinLimit(rows);
        return await RetryOnConflictAsync(() => UpsertOrdersAsync(rows, ct));
    }

    private async Task<IngestResult> UpsertOrdersAsync(IReadOnlyList<OrderIngestRow?> rows, CancellationToken ct)
    {
        var now = Now;
        var batch = new IngestBatch<OrderIngestRow>(rows, r => r.ExternalId, now);
        var drafts = new List<OrderDraft>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) batch.Reject(i, "", NullRow);
            else if (ValidateOrder(i, row, batch.Validator(i)) is { } draft) drafts.Add(draft);
        }
        drafts = batch.RejectDuplicates(drafts, d => d.Index, d => d.Order.ExternalId);

        await using var db = await OpenAsync(ct);
        drafts = await ResolveOrderReferencesAsync(db, batch, drafts, ct);
        var existing = (await ExternalIds.LoadAsync(drafts.Select(d => d.Order.ExternalId),
                (chunk, c) => db.Orders.Where(x => chunk.Contains(x.ExternalId)).ToListAsync(c), ct))
            .ToDictionary(x => x.ExternalId, StringComparer.Ordinal);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await DeleteItemsAsync(db, existing.Values.Select(o => o.Id), ct);
        var inserts = new List<Order>();
        var items = new List<OrderItem>();
        foreach (var draft in drafts)
        {
            var order = draft.Order;
            if (existing.TryGetValue(order.ExternalId, out var target))
            {
                CopyOrder(draft, target);
                order = target;
            }
            else
            {
                order.Status = draft.Status ?? OrderStatus.Completed;
                order.Channel = draft.Channel ?? SalesChannel.Online;
                inserts.Add(order);
            }
            foreach (var item in draft.Order.Items) item.OrderId = order.Id;
            items.AddRange(draft.Order.Items);
        }
        await BulkInsert.InsertAsync(db, inserts, now, ct);
        await BulkInsert.InsertAsync(db, items, now, ct);
        await SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
        return batch.Result(inserts.Count, drafts.Count - inserts.Count);
    }

    private static OrderDraft? ValidateOrder(int index, OrderIngestRow row, RowValidator v)
    {
        var order = new Order
        {
            ExternalId = v.Text("external_id", row.ExternalId, FieldLimits.ExternalId, required: true) ?? "",
            PlacedAt = v.Time("placed_at", row.PlacedAt, required: true) ?? default,
            Subtotal = v.Money("subtotal", row.Subtotal, required: true) ?? 0,
            Discount = v.Money("discount", row.Discount) ?? 0,
            Total = v.Money("total", row.Total, required: true) ?? 0,
            PromoCode = v.Text("promo_code", row.PromoCode, FieldLimits.PromoCode),
        };
        var customer = v.Text("customer_external_id", row.CustomerExternalId, FieldLimits.ExternalId, required: true);
        var status = v.Enum<OrderStatus>("status", row.Status);
        var channel = v.Enum<SalesChannel>("channel", row.Channel);
        var products = new List<string>();
        var items = row.Items ?? [];
        for (var j = 0; j < items.Count; j++)
        {
            var item = ValidateItem($"items[{j}]", items[j], v);
            if (item is null) continue;
            order.Items.Add(item.Value.Item);
            products.Add(item.Value.ProductExternalId);
        }
        return v.IsValid ? new OrderDraft(index, order, customer!, products, status, channel) : null;
    }

    private static (OrderItem Item, string ProductExternalId)? ValidateItem(string prefix, OrderItemIngestRow? row, RowValidator v)
    {
        if (row is null)
        {
            v.Fail(prefix, "The item is empty (null).");
            return null;
        }
        var product = v.Text($"{prefix}.product_external_id", row.ProductExternalId, FieldLimits.ExternalId, required: true);
        if (row.Quantity is not > 0) v.Fail($"{prefix}.quantity", "Required, and greater than 0.");
        var unitPrice = v.Money($"{prefix}.unit_price", row.UnitPrice, required: true);
        var lineTotal = v.Money($"{prefix}.line_total", row.LineTotal);
        if (product is null || row.Quantity is not > 0 || unitPrice is null) return null;
        var item = new OrderItem
        {
            Quantity = row.Quantity.Value,
            UnitPrice = unitPrice.Value,
            LineTotal = lineTotal ?? Math.Round(row.Quantity.Value * unitPrice.Value, 2, MidpointRounding.AwayFromZero),
        };
        return (item, product);
    }

    /// <summary>Sets the customer and product ids, rejecting orders whose customer or any product is unknown.</summary>
    private static async Task<List<OrderDraft>> ResolveOrderReferencesAsync(
        MarketingDbContext db, IngestBatch<OrderIngestRow> batch, List<OrderDraft> drafts, CancellationToken ct)
    {
        var customers = await ExternalIds.IdsAsync(drafts.Select(d => d.CustomerExternalId),
            chunk => db.Customers.Where(x => chunk.Contains(x.ExternalId)).Select(x => new IdPair(x.ExternalId, x.Id)), ct);
        var products = await ExternalIds.IdsAsync(drafts.SelectMany(d => d.ProductExternalIds),
            chunk => db.Products.Where(x => chunk.Contains(x.ExternalId)).Select(x => new IdPair(x.ExternalId, x.Id)), ct);

        var resolved = new List<OrderDraft>(drafts.Count);
        foreach (var draft in drafts)
        {
            if (customers.TryGetValue(draft.CustomerExternalId, out var customerId)) draft.Order.CustomerId = customerId;
            else batch.Reject(draft.Index, "customer_external_id", "No customer with this external id; send the customer first.");
            for (var j = 0; j < draft.ProductExternalIds.Count; j++)
            {
                if (products.TryGetValue(draft.ProductExternalIds[j], out var productId)) draft.Order.Items[j].ProductId = productId;
                else batch.Reject(draft.Index, $"items[{j}].product_external_id", "No product with this external id; send the product first.");
            }
            if (!batch.IsRejected(draft.Index)) resolved.Add(draft);
        }
        return resolved;
    }

    private static async Task DeleteItemsAsync(MarketingDbContext db, IEnumerable<Guid> orderIds, CancellationToken ct)
    {
        foreach (var chunk in orderIds.Chunk(ExternalIds.ChunkSize))
            await db.OrderItems.Where(i => chunk.Contains(i.OrderId)).ExecuteDeleteAsync(ct);
    }

    private static void CopyOrder(OrderDraft draft, Order target)
    {
        var from = draft.Order;
        target.CustomerId = from.CustomerId;
        target.PlacedAt = from.PlacedAt;
        target.Subtotal = from.Subtotal;
        target.Discount = from.Discount;
        target.Total = from.Total;
        target.PromoCode = from.PromoCode;
        if (draft.Status is { } status) target.Status = status;
        if (draft.Channel is { } channel) target.Channel = channel;
    }

    private sealed record OrderDraft(
        int Index, Order Order, string CustomerExternalId, List<string> ProductExternalIds, OrderStatus? Status, SalesChannel? Channel);
}
