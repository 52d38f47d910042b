using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// Redeems and voids discounts for orders. Limits are enforced in the database, not by reading counts first: each use
/// is one conditional UPDATE (<c>usage_count = usage_count + 1 WHERE … usage_count &lt; limit</c>) on the discount, the
/// single-use code and the customer's counter, so concurrent checkouts can never exceed a limit; a failed condition
/// rolls back the whole order's redemption. A redemption is unique per (discount, order id), which makes redeeming
/// idempotent and its engagement and revenue count once.
/// </summary>
public sealed class DiscountRedemptionService(
    IDbContextFactory<MarketingDbContext> dbFactory, DiscountPricingService pricing, TimeProvider clock)
{
    public async Task<SaveResult<RedeemResult>> RedeemAsync(RedeemRequest request, CancellationToken ct = default)
    {
        var errors = request.Cart.Validate();
        if (string.IsNullOrWhiteSpace(request.OrderId) || request.OrderId.Length > 100)
            errors["order_id"] = ["The order id is required (at most 100 characters)."];
        if (errors.Count > 0) return SaveResult<RedeemResult>.Invalid(errors);
        var orderId = request.OrderId!.Trim();

        // A second attempt covers the rare race of two first uses of one customer's counter (see EnsureCustomerUsageAsync).
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TryRedeemAsync(orderId, request.Cart, ct);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex) && attempt == 0)
            {
            }
        }
    }

    private async Task<SaveResult<RedeemResult>> TryRedeemAsync(string orderId, CheckoutCart cart, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ExistingAsync(db, orderId, ct) is { } existing) return existing;

        var priced = await pricing.EvaluateAsync(db, cart, orderId, ct);
        if (priced.Codes.FirstOrDefault(c => !c.Applied) is { } refused) return SaveResult<RedeemResult>.Conflict($"{refused.Code}: {refused.Reason}");
        var now = clock.GetUtcNow().UtcDateTime;
        var customerKey = string.IsNullOrWhiteSpace(cart.CustomerId) ? null : cart.CustomerId.Trim();
        var customerId = customerKey is null ? null
            : await db.Customers.Where(c => c.ExternalId == customerKey).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = new List<DiscountRedemption>();
        foreach (var applied in priced.Applied)
        {
            var discount = await db.DiscountCampaigns.AsNoTracking().Where(d => d.Id == applied.DiscountId)
                .Select(d => new { d.CampaignId, d.PerCustomerLimit }).SingleAsync(ct);
            var code = applied.PromoCodeId is { } codeId
                ? await db.PromoCodes.AsNoTracking().Where(c => c.Id == codeId).Select(c => new { c.IsShared, c.AssignedCustomerId }).SingleAsync(ct)
                : null;
            var redemption = new DiscountRedemption
            {
                DiscountCampaignId = applied.DiscountId, OrderId = orderId, PromoCodeId = applied.PromoCodeId, Code = applied.Code,
                CustomerKey = customerKey, CustomerId = customerId, Amount = applied.Amount, OrderRevenue = priced.Total,
                IsLeak = code is { IsShared: false, AssignedCustomerId: { } assignee } && assignee != customerId,
                RedeemedAt = now,
            };
            db.DiscountRedemptions.Add(redemption);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // The same order redeemed concurrently: that call won; answer as a repeat would.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await ExistingAsync(db, orderId, ct)
                    ?? SaveResult<RedeemResult>.Conflict($"Order {orderId} is being redeemed by another request.");
            }
            if (await ClaimAsync(db, applied, code?.IsShared, discount.PerCustomerLimit, customerKey, ct) is { } reason)
            {
                await transaction.RollbackAsync(ct);
                return SaveResult<RedeemResult>.Conflict($"{applied.Code ?? applied.Name}: {reason}");
            }
            await AddPerformanceAsync(db, discount.CampaignId, now, 1, applied.Amount, priced.Total, ct);
            if (customerId is { } engaged)
                db.CustomerEngagement.Add(new CustomerEngagement
                {
                    CustomerId = engaged, CampaignId = discount.CampaignId, EngagementType = EngagementTypes.DiscountRedeemed,
                    EngagementDate = now,
                    EngagementData = JsonSerializer.Serialize(new { order_id = orderId, code = applied.Code, amount = applied.Amount }),
                });
            rows.Add(redemption);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return SaveResult<RedeemResult>.Ok(new RedeemResult(orderId, false, rows.Select(View).ToList(), priced));
    }

    /// <summary>Takes one use of the discount, the code and the customer's allowance, each only if one is left.</summary>
    private static async Task<string?> ClaimAsync(MarketingDbContext db, AppliedDiscount applied, bool? sharedCode, int? perCustomerLimit,
        string? customerKey, CancellationToken ct)
    {
        var id = applied.DiscountId;
        var claimed = await db.DiscountCampaigns
            .Where(d => d.Id == id && (d.UsageLimit == null || d.UsageCount < d.UsageLimit))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.UsageCount, d => d.UsageCount + 1), ct);
        if (claimed == 0) return "This code has reached its usage limit.";

        if (applied.PromoCodeId is { } codeId)
        {
            // A unique code is single-use; a shared code only counts its uses.
            var single = sharedCode == false;
            claimed = await db.PromoCodes
                .Where(c => c.Id == codeId && c.DisabledAt == null && (!single || c.UsageCount < 1))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsageCount, c => c.UsageCount + 1), ct);
            if (claimed == 0) return "This code was already used.";
        }

        if (customerKey is null) return null;
        await EnsureCustomerUsageAsync(db, id, customerKey, ct);
        claimed = await db.DiscountCustomerUsages
            .Where(u => u.DiscountCampaignId == id && u.CustomerKey == customerKey && (perCustomerLimit == null || u.UsageCount < perCustomerLimit))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.UsageCount, u => u.UsageCount + 1), ct);
        return claimed == 0 ? "You have already used this code." : null;
    }

    /// <summary>
    /// The customer's counter row, created at 0 on first use. Two first uses racing on SQL Server both insert; the loser
    /// hits the unique index and <see cref="RedeemAsync"/> retries the whole redemption once. (SQLite transactions
    /// here are IMMEDIATE, so they never race.)
    /// </summary>
    private static async Task EnsureCustomerUsageAsync(MarketingDbContext db, Guid discountId, string customerKey, CancellationToken ct)
    {
        if (await db.DiscountCustomerUsages.AnyAsync(u => u.DiscountCampaignId == discountId && u.CustomerKey == customerKey, ct)) return;
        db.DiscountCustomerUsages.Add(new DiscountCustomerUsage { DiscountCampaignId = discountId, CustomerKey = customerKey });
        await db.SaveChangesAsync(ct);
    }

    private static async Task<SaveResult<RedeemResult>?> ExistingAsync(MarketingDbContext db, string orderId, CancellationToken ct)
    {
        var existing = await RedemptionsAsync(db, orderId, ct);
        if (existing.Count == 0) return null;
        if (existing.All(r => r.VoidedAt is not null))
            return SaveResult<RedeemResult>.Conflict($"The discounts of order {orderId} were voided; a voided order cannot be redeemed again.");
        return SaveResult<RedeemResult>.Ok(new RedeemResult(orderId, true, existing, null));
    }

    /// <summary>
    /// Gives back the uses of every redemption of a cancelled or refunded order, once: each redemption is marked void by
    /// a conditional UPDATE, and only the call that marked it decrements the counters.
    /// </summary>
    public async Task<SaveResult<VoidResult>> VoidAsync(string orderId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(orderId) || orderId.Length > 100) return SaveResult<VoidResult>.Invalid("order_id", "The order id is required (at most 100 characters).");
        orderId = orderId.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var redemptions = await (from r in db.DiscountRedemptions.AsNoTracking()
                                 join d in db.DiscountCampaigns.AsNoTracking() on r.DiscountCampaignId equals d.Id
                                 where r.OrderId == orderId
                                 select new { r.Id, r.DiscountCampaignId, d.CampaignId, r.PromoCodeId, r.CustomerKey, r.Amount, r.OrderRevenue, r.RedeemedAt })
            .ToListAsync(ct);
        if (redemptions.Count == 0) return SaveResult<VoidResult>.NotFound();
        var voided = 0;
        foreach (var r in redemptions)
        {
            var marked = await db.DiscountRedemptions.Where(x => x.Id == r.Id && x.VoidedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.VoidedAt, now), ct);
            if (marked == 0) continue;
            voided++;
            await db.DiscountCampaigns.Where(d => d.Id == r.DiscountCampaignId && d.UsageCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.UsageCount, d => d.UsageCount - 1), ct);
            if (r.PromoCodeId is { } codeId)
                await db.PromoCodes.Where(c => c.Id == codeId && c.UsageCount > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsageCount, c => c.UsageCount - 1), ct);
            await AddPerformanceAsync(db, r.CampaignId, r.RedeemedAt, -1, -r.Amount, -r.OrderRevenue, ct);
            if (r.CustomerKey is { } key)
                await db.DiscountCustomerUsages.Where(u => u.DiscountCampaignId == r.DiscountCampaignId && u.CustomerKey == key && u.UsageCount > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.UsageCount, u => u.UsageCount - 1), ct);
        }
        await transaction.CommitAsync(ct);
        return SaveResult<VoidResult>.Ok(new VoidResult(orderId, voided, await RedemptionsAsync(db, orderId, ct)));
    }

    /// <summary>
    /// Adds to the discount campaign's daily rollup in <c>campaign_performance</c> (<see cref="PerformanceMetrics"/>) for
    /// the day of the redemption; a void subtracts from the day the redemption was made. Named apart from the
    /// attribution metrics (conversions, revenue), so a redeemed order is not counted twice when both are reported.
    /// </summary>
    private async Task AddPerformanceAsync(MarketingDbContext db, Guid campaignId, DateTime at, int redemptions, decimal discount,
        decimal revenue, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(at);
        foreach (var (metric, delta) in new[]
        {
            (PerformanceMetrics.Redemptions, (decimal)redemptions), (PerformanceMetrics.DiscountGiven, discount),
            (PerformanceMetrics.RedemptionRevenue, revenue),
        })
        {
            var updated = await db.CampaignPerformance
                .Where(p => p.CampaignId == campaignId && p.MetricDate == day && p.MetricName == metric)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.MetricValue, p => p.MetricValue + delta), ct);
            if (updated > 0) continue;
            // The first redemption of the day creates the row; two racing on SQL Server meet the unique index and
            // RedeemAsync retries the whole redemption once.
            db.CampaignPerformance.Add(new CampaignPerformance
            {
                CampaignId = campaignId, MetricName = metric, MetricValue = delta, MetricDate = day, CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// One page of a discount's redemption history, newest first; search matches the order id, the customer id or the
    /// code. Null when there is no such discount.
    /// </summary>
    public async Task<PagedResult<RedemptionView>?> ListAsync(Guid discountId, GridQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.DiscountCampaigns.AnyAsync(d => d.Id == discountId, ct)) return null;
        var rows = db.DiscountRedemptions.AsNoTracking().Where(r => r.DiscountCampaignId == discountId);
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            rows = rows.Where(r => EF.Functions.Like(r.OrderId, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(r.CustomerKey!, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(r.Code!, pattern, LikePattern.EscapeCharacter));
        }
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(r => r.RedeemedAt).ThenByDescending(r => r.Id).Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(r => new RedemptionView(r.Id, r.DiscountCampaignId, r.OrderId, r.Code, r.CustomerKey, r.Amount, r.OrderRevenue, r.IsLeak,
                r.RedeemedAt, r.VoidedAt))
            .ToListAsync(ct);
        return new PagedResult<RedemptionView>(page, total, query.EffectivePage, query.EffectivePageSize);
    }

    private static Task<List<RedemptionView>> RedemptionsAsync(MarketingDbContext db, string orderId, CancellationToken ct) =>
        db.DiscountRedemptions.AsNoTracking().Where(r => r.OrderId == orderId).OrderBy(r => r.RedeemedAt).ThenBy(r => r.Id)
            .Select(r => new RedemptionView(r.Id, r.DiscountCampaignId, r.OrderId, r.Code, r.CustomerKey, r.Amount, r.OrderRevenue, r.IsLeak,
                r.RedeemedAt, r.VoidedAt))
            .ToListAsync(ct);

    private static RedemptionView View(DiscountRedemption r) =>
        new(r.Id, r.DiscountCampaignId, r.OrderId, r.Code, r.CustomerKey, r.Amount, r.OrderRevenue, r.IsLeak, r.RedeemedAt, r.VoidedAt);
}
