using System.ComponentModel.DataAnnotations;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// Discounts for the list, the form and the API. A discount is saved as a campaign of type <c>discount</c> (name,
/// description, window) plus its <c>discount_campaigns</c> row (the rules), in one transaction. Promo codes are in
/// <see cref="PromoCodeService"/>.
/// </summary>
public sealed class DiscountService(IDbContextFactory<MarketingDbContext> dbFactory, DiscountSummaryWriter summaries, MarginGuardrail guardrail,
    CurrencyOptions currency, TimeProvider clock)
{
    public async Task<PagedResult<DiscountListItem>> ListAsync(DiscountGridQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = from d in db.DiscountCampaigns.AsNoTracking()
                   join c in db.Campaigns.AsNoTracking() on d.CampaignId equals c.Id
                   select new { d, c };
        if (query.Type is { } type) rows = rows.Where(x => x.d.DiscountType == type);
        rows = query.Status switch
        {
            DiscountStatus.Cancelled => rows.Where(x => x.c.Status == CampaignStatus.Cancelled),
            DiscountStatus.Disabled => rows.Where(x => (!x.d.IsActive || x.c.Status == CampaignStatus.Draft || x.c.Status == CampaignStatus.Paused)
                && x.c.Status != CampaignStatus.Cancelled && x.c.Status != CampaignStatus.Completed),
            DiscountStatus.Scheduled => rows.Where(x => x.d.IsActive && (x.c.Status == CampaignStatus.Active || x.c.Status == CampaignStatus.Scheduled)
                && x.c.StartDate > now),
            DiscountStatus.Expired => rows.Where(x => x.c.Status == CampaignStatus.Completed
                || x.d.IsActive && (x.c.Status == CampaignStatus.Active || x.c.Status == CampaignStatus.Scheduled) && x.c.EndDate <= now),
            DiscountStatus.Active => rows.Where(x => x.d.IsActive && (x.c.Status == CampaignStatus.Active || x.c.Status == CampaignStatus.Scheduled)
                && (x.c.StartDate == null || x.c.StartDate <= now) && (x.c.EndDate == null || x.c.EndDate > now)),
            _ => rows,
        };
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            var code = DiscountCalculator.Normalize(search);
            rows = rows.Where(x => EF.Functions.Like(x.c.Name, pattern, LikePattern.EscapeCharacter)
                || db.PromoCodes.Any(p => p.DiscountCampaignId == x.d.Id && p.Code == code));
        }
        var total = await rows.CountAsync(ct);
        var ordered = query.SortBy?.ToLowerInvariant() switch
        {
            DiscountSortKeys.Name => rows.OrderBy(x => x.c.Name, query.Descending),
            DiscountSortKeys.Type => rows.OrderBy(x => x.d.DiscountType, query.Descending),
            DiscountSortKeys.StartsAt => rows.OrderBy(x => x.c.StartDate, query.Descending),
            DiscountSortKeys.Usage => rows.OrderBy(x => x.d.UsageCount, query.Descending),
            DiscountSortKeys.Created => rows.OrderBy(x => x.d.CreatedAt, query.Descending),
            _ => rows.OrderByDescending(x => x.d.CreatedAt),
        };
        var page = await ordered.ThenBy(x => x.d.Id).Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(x => new
            {
                x.d.Id, x.d.CampaignId, x.c.Name, x.d.DiscountType, x.d.Method, x.d.IsActive, x.c.Status, x.c.StartDate, x.c.EndDate,
                x.d.UsageCount, x.d.UsageLimit, x.d.CreatedAt,
                Given = db.DiscountRedemptions.Where(r => r.DiscountCampaignId == x.d.Id && r.VoidedAt == null).Sum(r => (decimal?)r.Amount) ?? 0,
                Revenue = db.DiscountRedemptions.Where(r => r.DiscountCampaignId == x.d.Id && r.VoidedAt == null).Sum(r => (decimal?)r.OrderRevenue) ?? 0,
                Leaks = db.DiscountRedemptions.Count(r => r.DiscountCampaignId == x.d.Id && r.IsLeak && r.VoidedAt == null),
            })
            .ToListAsync(ct);
        var items = page.Select(x => new DiscountListItem(x.Id, x.CampaignId, x.Name, x.DiscountType, x.Method,
            StatusOf(x.IsActive, x.Status, x.StartDate, x.EndDate, now), x.Status, x.StartDate, x.EndDate, x.UsageCount, x.UsageLimit, x.Given, x.Revenue,
            x.Leaks, x.CreatedAt)).ToList();
        return new PagedResult<DiscountListItem>(items, total, query.EffectivePage, query.EffectivePageSize);
    }

    /// <summary>
    /// The discount's status from its switch, its campaign's status and its window (as pricing decides what applies).
    /// A completed campaign ran its window to the end: its discount has expired, it was not cancelled.
    /// </summary>
    public static DiscountStatus StatusOf(bool isActive, CampaignStatus campaignStatus, DateTime? startsAt, DateTime? endsAt, DateTime now) =>
        campaignStatus is CampaignStatus.Cancelled ? DiscountStatus.Cancelled
        : campaignStatus is CampaignStatus.Completed ? DiscountStatus.Expired
        : !isActive || campaignStatus is not (CampaignStatus.Active or CampaignStatus.Scheduled) ? DiscountStatus.Disabled
        : startsAt > now ? DiscountStatus.Scheduled
        : endsAt <= now ? DiscountStatus.Expired
        : DiscountStatus.Active;

    public async Task<DiscountDetailView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await (from x in db.DiscountCampaigns.AsNoTracking()
                         join c in db.Campaigns.AsNoTracking() on x.CampaignId equals c.Id
                         where x.Id == id
                         select new { d = x, c.Name, c.Description, c.StartDate, c.EndDate, c.Status }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var d = row.d;
        var shared = await db.PromoCodes.AsNoTracking().Where(p => p.DiscountCampaignId == id && p.IsShared).OrderBy(p => p.CreatedAt)
            .Select(p => p.Code).ToListAsync(ct);
        var codeCount = await db.PromoCodes.CountAsync(p => p.DiscountCampaignId == id, ct);
        var active = db.DiscountRedemptions.AsNoTracking().Where(r => r.DiscountCampaignId == id && r.VoidedAt == null);
        var redemptions = await active.CountAsync(ct);
        var given = await active.SumAsync(r => (decimal?)r.Amount, ct) ?? 0;
        var revenue = await active.SumAsync(r => (decimal?)r.OrderRevenue, ct) ?? 0;
        var leaks = await active.CountAsync(r => r.IsLeak, ct);
        var rule = DiscountRule.From(d, row.Name, row.StartDate, row.EndDate);
        var summary = await summaries.DescribeAsync(db, rule, ct);
        return new DiscountDetailView(d.Id, d.CampaignId, row.Name, row.Description, d.DiscountType, d.Method, d.DiscountValue,
            d.BuyQuantity, d.GetQuantity, d.GetPercentOff, d.MinimumPurchase, d.MinimumQuantity, d.MaximumDiscount,
            d.IncludedProductIds, d.ExcludedProductIds, d.IncludedCategoryIds, d.ExcludedCategoryIds, d.EligibleSegmentIds,
            row.StartDate, row.EndDate, d.UsageLimit, d.UsageCount, d.PerCustomerLimit, d.FirstOrderOnly, d.Combinable, d.Priority,
            d.IsActive, StatusOf(d.IsActive, row.Status, row.StartDate, row.EndDate, clock.GetUtcNow().UtcDateTime), row.Status, shared, codeCount, redemptions,
            given, revenue, leaks, summary, d.CreatedAt, d.UpdatedAt, d.Version);
    }

    /// <summary>The discount of a campaign of type discount (campaign pages link to it); null when there is none.</summary>
    public async Task<Guid?> IdOfCampaignAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.DiscountCampaigns.AsNoTracking().Where(d => d.CampaignId == campaignId).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The plain-language summary of a form being edited (for the form's live preview).</summary>
    public async Task<string> SummarizeAsync(DiscountForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await summaries.DescribeAsync(db, ToRule(form, Guid.Empty), ct);
    }

    public Task<SaveResult<DiscountDetailView>> CreateAsync(DiscountForm form, string userId, CancellationToken ct = default) =>
        CreateAsync(form, userId, mayOverrideMargin: false, ct);

    /// <summary>
    /// Saves a new discount. One that could sell a product below cost or under the margin floor is refused unless the
    /// form asks to override and <paramref name="mayOverrideMargin"/> (an admin) allows it.
    /// </summary>
    public async Task<SaveResult<DiscountDetailView>> CreateAsync(DiscountForm form, string userId, bool mayOverrideMargin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ValidateAsync(db, form, null, ct) is { Count: > 0 } errors) return SaveResult<DiscountDetailView>.Invalid(errors);
        if (await MarginErrorAsync(db, form, null, mayOverrideMargin, ct) is { } margin) return margin;
        var campaign = new Campaign { Name = form.Name.Trim(), CampaignType = CampaignType.Discount, CreatedBy = userId };
        var discount = new DiscountCampaign { CampaignId = campaign.Id };
        Apply(form, campaign, discount);
        db.Campaigns.Add(campaign);
        db.DiscountCampaigns.Add(discount);
        AddSharedCode(db, form, discount.Id);
        if (await TrySaveAsync(db, ct) is { } failure) return failure;
        return SaveResult<DiscountDetailView>.Ok((await GetAsync(discount.Id, ct))!);
    }

    public Task<SaveResult<DiscountDetailView>> UpdateAsync(Guid id, DiscountForm form, CancellationToken ct = default) =>
        UpdateAsync(id, form, mayOverrideMargin: false, ct);

    /// <summary>Saves changes; the margin guardrail applies as for <see cref="CreateAsync(DiscountForm, string, bool, CancellationToken)"/>.</summary>
    public async Task<SaveResult<DiscountDetailView>> UpdateAsync(Guid id, DiscountForm form, bool mayOverrideMargin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var discount = await db.DiscountCampaigns.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (discount is null) return SaveResult<DiscountDetailView>.NotFound();
        if (form.Version is { } version && version != discount.Version)
            return SaveResult<DiscountDetailView>.Conflict("Someone else changed this discount since you opened it. Reload to see their changes.");
        if (await ValidateAsync(db, form, id, ct) is { Count: > 0 } errors) return SaveResult<DiscountDetailView>.Invalid(errors);
        if (await MarginErrorAsync(db, form, id, mayOverrideMargin, ct) is { } margin) return margin;
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == discount.CampaignId, ct);
        // Saving sets the campaign's status from the switch; a stopped campaign must not come back to life by an edit.
        if (campaign.Status is CampaignStatus.Cancelled or CampaignStatus.Completed)
            return SaveResult<DiscountDetailView>.Conflict("This discount's campaign has been stopped for good; it can no longer be changed.");
        Apply(form, campaign, discount);
        discount.Version = Guid.NewGuid();
        campaign.Version = Guid.NewGuid();
        var code = string.IsNullOrWhiteSpace(form.SharedCode) ? null : DiscountCalculator.Normalize(form.SharedCode);
        if (code is not null && !await db.PromoCodes.AnyAsync(p => p.DiscountCampaignId == id && p.Code == code, ct))
            AddSharedCode(db, form, id);
        if (await TrySaveAsync(db, ct) is { } failure) return failure;
        return SaveResult<DiscountDetailView>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>
    /// Turns the discount's own switch on or off (the detail page's resume turns it on together with its campaign, so
    /// a discount saved switched off becomes active as <see cref="DiscountPricingService"/> sees it). False when unknown.
    /// </summary>
    public async Task<bool> SetEnabledAsync(Guid id, bool enabled, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.DiscountCampaigns.Where(d => d.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.IsActive, enabled).SetProperty(d => d.UpdatedAt, now).SetProperty(d => d.Version, Guid.NewGuid()), ct) > 0;
    }

    /// <summary>A discount that was never redeemed is deleted with its campaign and codes; one with history is disabled instead.</summary>
    public async Task<SaveResult<bool>> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaignId = await db.DiscountCampaigns.Where(d => d.Id == id).Select(d => (Guid?)d.CampaignId).SingleOrDefaultAsync(ct);
        if (campaignId is null) return SaveResult<bool>.NotFound();
        if (await db.DiscountRedemptions.AnyAsync(r => r.DiscountCampaignId == id, ct))
            return SaveResult<bool>.Conflict("This discount has been redeemed, so its history is kept. Disable it instead.");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.PromoCodes.Where(p => p.DiscountCampaignId == id).ExecuteDeleteAsync(ct);
        // Email and SMS campaigns that handed out its codes keep their content, without the link.
        await db.Campaigns.Where(c => c.PromoDiscountId == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.PromoDiscountId, (Guid?)null), ct);
        await db.Campaigns.Where(c => c.Id == campaignId).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return SaveResult<bool>.Ok(true);
    }

    private async Task<SaveResult<DiscountDetailView>?> MarginErrorAsync(MarketingDbContext db, DiscountForm form, Guid? id, bool mayOverride,
        CancellationToken ct)
    {
        if (form.OverrideMarginGuardrail)
            return mayOverride ? null : SaveResult<DiscountDetailView>.Invalid(nameof(DiscountForm.OverrideMarginGuardrail),
                "Only an admin can save a discount that breaks the margin floor.");
        var check = await guardrail.CheckAsync(db, ToRule(form, id ?? Guid.Empty), ct);
        if (check.Passed) return null;
        var examples = string.Join(", ", check.AtRisk.Take(5).Select(p =>
            $"{p.Name} (down to {currency.Format(p.WorstPrice)}, cost {currency.Format(p.CostPrice)})"));
        var more = check.AtRisk.Count > 5 ? $" and {check.AtRisk.Count - 5} more" : "";
        return SaveResult<DiscountDetailView>.Invalid(MarginGuardrailField,
            $"{check.AtRisk.Count} product{(check.AtRisk.Count == 1 ? "" : "s")} could sell below cost or under the {check.MarginFloorPercent:0.#}% " +
            $"margin floor with this discount and what stacks with it: {examples}{more}. Change the discount, or ask an admin to override.");
    }

    /// <summary>The field a margin guardrail refusal is reported on.</summary>
    public const string MarginGuardrailField = "MarginGuardrail";

    private static void Apply(DiscountForm form, Campaign campaign, DiscountCampaign d)
    {
        campaign.Name = form.Name.Trim();
        campaign.Description = string.IsNullOrWhiteSpace(form.Description) ? null : form.Description.Trim();
        campaign.StartDate = AsUtc(form.StartsAt);
        campaign.EndDate = AsUtc(form.EndsAt);
        // The campaign's status mirrors the switch; the window decides the rest (see DiscountStatus).
        campaign.Status = form.IsActive ? CampaignStatus.Active : CampaignStatus.Paused;
        d.DiscountType = form.Type;
        d.Method = form.Method;
        d.DiscountValue = form.Type is DiscountType.Percentage or DiscountType.FixedAmount ? form.Value : 0;
        d.BuyQuantity = form.Type == DiscountType.Bogo ? form.BuyQuantity : null;
        d.GetQuantity = form.Type == DiscountType.Bogo ? form.GetQuantity : null;
        d.GetPercentOff = form.Type == DiscountType.Bogo ? form.GetPercentOff ?? 100m : null;
        d.MinimumPurchase = form.MinimumPurchase;
        d.MinimumQuantity = form.MinimumQuantity;
        d.MaximumDiscount = form.MaximumDiscount;
        d.IncludedProductIds = form.IncludedProductIds.Distinct().ToList();
        d.ExcludedProductIds = form.ExcludedProductIds.Distinct().ToList();
        d.IncludedCategoryIds = form.IncludedCategoryIds.Distinct().ToList();
        d.ExcludedCategoryIds = form.ExcludedCategoryIds.Distinct().ToList();
        d.EligibleSegmentIds = form.EligibleSegmentIds.Distinct().ToList();
        d.UsageLimit = form.UsageLimit;
        d.PerCustomerLimit = form.PerCustomerLimit;
        d.FirstOrderOnly = form.FirstOrderOnly;
        d.Combinable = form.Combinable;
        d.Priority = form.Priority;
        d.IsActive = form.IsActive;
    }

    /// <summary>Times without a kind (form pickers, JSON without an offset) are taken as UTC, as everything stored is.</summary>
    private static DateTime? AsUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
        { } v => v.ToUniversalTime(),
    };

    internal static DiscountRule ToRule(DiscountForm form, Guid id)
    {
        var campaign = new Campaign { Name = form.Name, CreatedBy = "" };
        var discount = new DiscountCampaign { Id = id };
        Apply(form, campaign, discount);
        return DiscountRule.From(discount, campaign.Name, campaign.StartDate, campaign.EndDate);
    }

    private static void AddSharedCode(MarketingDbContext db, DiscountForm form, Guid discountId)
    {
        if (form.Method != DiscountMethod.Code || string.IsNullOrWhiteSpace(form.SharedCode)) return;
        db.PromoCodes.Add(new PromoCode { DiscountCampaignId = discountId, Code = DiscountCalculator.Normalize(form.SharedCode), IsShared = true });
    }

    private static async Task<SaveResult<DiscountDetailView>?> TrySaveAsync(MarketingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult<DiscountDetailView>.Conflict("The discount changed at the same time. Reload and try again.");
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return SaveResult<DiscountDetailView>.Invalid(nameof(DiscountForm.SharedCode), "This code is already taken by a discount.");
        }
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(MarketingDbContext db, DiscountForm form, Guid? id, CancellationToken ct)
    {
        var results = new List<ValidationResult>();
        var context = new ValidationContext(form);
        // The validator skips the cross-field rules when a property rule fails; run them anyway so every error shows at once.
        Validator.TryValidateObject(form, context, results, validateAllProperties: true);
        results.AddRange(form.Validate(context).Where(r => !results.Any(x => x.ErrorMessage == r.ErrorMessage)));
        var errors = results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(x => x.Member).ToDictionary(g => g.Key, g => g.Select(x => x.ErrorMessage ?? "Invalid value.").ToArray());
        await RequireExistingAsync(db.Products.Select(p => p.Id), form.IncludedProductIds.Concat(form.ExcludedProductIds),
            nameof(DiscountForm.IncludedProductIds), "product", errors, ct);
        await RequireExistingAsync(db.ProductCategories.Select(c => c.Id), form.IncludedCategoryIds.Concat(form.ExcludedCategoryIds),
            nameof(DiscountForm.IncludedCategoryIds), "category", errors, ct);
        await RequireExistingAsync(db.CustomerSegments.Select(s => s.Id), form.EligibleSegmentIds,
            nameof(DiscountForm.EligibleSegmentIds), "segment", errors, ct);
        if (!string.IsNullOrWhiteSpace(form.SharedCode))
        {
            var code = DiscountCalculator.Normalize(form.SharedCode);
            if (await db.PromoCodes.AnyAsync(p => p.Code == code && p.DiscountCampaignId != id, ct))
                errors[nameof(DiscountForm.SharedCode)] = ["This code is already taken by a discount."];
        }
        return errors;
    }

    private static async Task RequireExistingAsync(IQueryable<Guid> table, IEnumerable<Guid> ids, string field, string noun,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return;
        if (wanted.Count > 1_000) { errors[field] = [$"At most 1,000 of each; use categories for larger sets."]; return; }
        var found = await table.Where(x => wanted.Contains(x)).CountAsync(ct);
        if (found < wanted.Count) errors[field] = [$"{wanted.Count - found} {noun}(s) chosen no longer exist."];
    }
}
