using System.ComponentModel.DataAnnotations;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Subscription;

/// <summary>
/// The store's Marketing add-on: whether it may be used now, its monthly quotas and the usage counted against them.
/// Usage is only ever changed by conditional UPDATEs in the database, so concurrent senders cannot exceed a quota.
/// </summary>
public sealed class SubscriptionService(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    public async Task<SubscriptionView> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await Marketing(db).AsNoTracking().FirstOrDefaultAsync(ct);
        var now = Now;
        // No row means nobody subscribed: nothing is allowed until an admin sets it up.
        return row is null
            ? new SubscriptionView(SubscriptionStatus.Expired, null, false, 0, 0, 0, 0, MonthStart(now), now)
            : ToView(row, now);
    }

    public async Task<bool> IsActiveAsync(CancellationToken ct = default) => (await GetAsync(ct)).IsActive;

    /// <summary>An admin's edit of status, end date and quotas. Usage counters are left as they are.</summary>
    public async Task<SubscriptionSaveResult> UpdateAsync(SubscriptionForm form, CancellationToken ct = default)
    {
        var invalid = Validate(form);
        if (invalid is not null) return invalid;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await Marketing(db).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            row = new AddonSubscription { PeriodStart = MonthStart(Now) };
            db.AddonSubscriptions.Add(row);
        }
        row.Status = form.Status!.Value;
        row.EndsAt = AsUtc(form.EndsAt);
        row.MonthlyEmailQuota = form.MonthlyEmailQuota;
        row.MonthlySmsQuota = form.MonthlySmsQuota;
        await db.SaveChangesAsync(ct);
        return SubscriptionSaveResult.Ok(ToView(row, Now));
    }

    /// <summary>
    /// Counts <paramref name="count"/> sends against this month's quota, if the add-on is usable and the quota allows
    /// all of them; otherwise counts nothing and returns false. One conditional UPDATE, so it is safe under concurrency.
    /// </summary>
    public async Task<bool> TryConsumeAsync(QuotaChannel channel, int count, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        await ResetUsageIfNewMonthAsync(db, now, ct);

        var usable = Marketing(db).Where(s =>
            (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Trial) && (s.EndsAt == null || s.EndsAt > now));
        var updated = channel switch
        {
            QuotaChannel.Email => await usable.Where(s => s.EmailsSentThisPeriod + count <= s.MonthlyEmailQuota)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EmailsSentThisPeriod, s => s.EmailsSentThisPeriod + count), ct),
            QuotaChannel.Sms => await usable.Where(s => s.SmsSentThisPeriod + count <= s.MonthlySmsQuota)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.SmsSentThisPeriod, s => s.SmsSentThisPeriod + count), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(channel)),
        };
        return updated == 1;
    }

    /// <summary>The periodic job's work: a new month resets usage; an active or trial add-on past its end expires.</summary>
    public async Task<SubscriptionPeriodResult> RollPeriodAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = Now;
        var reset = await ResetUsageIfNewMonthAsync(db, now, ct);
        var expired = await Marketing(db)
            .Where(s => (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Trial) && s.EndsAt != null && s.EndsAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubscriptionStatus.Expired).SetProperty(s => s.UpdatedAt, now), ct);
        return new SubscriptionPeriodResult(reset, expired > 0);
    }

    private static async Task<bool> ResetUsageIfNewMonthAsync(MarketingDbContext db, DateTime now, CancellationToken ct)
    {
        var monthStart = MonthStart(now);
        return await Marketing(db).Where(s => s.PeriodStart < monthStart)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.EmailsSentThisPeriod, 0)
                .SetProperty(s => s.SmsSentThisPeriod, 0)
                .SetProperty(s => s.PeriodStart, monthStart), ct) > 0;
    }

    private SubscriptionSaveResult? Validate(SubscriptionForm form)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true))
        {
            var first = results[0];
            return SubscriptionSaveResult.Invalid(first.MemberNames.FirstOrDefault() ?? "", first.ErrorMessage ?? "Invalid value.");
        }
        var usable = form.Status is SubscriptionStatus.Active or SubscriptionStatus.Trial;
        if (form.Status == SubscriptionStatus.Trial && form.EndsAt is null)
            return SubscriptionSaveResult.Invalid(nameof(SubscriptionForm.EndsAt), "A trial needs an end date.");
        if (usable && form.EndsAt is { } ends && AsUtc(ends) <= Now)
            return SubscriptionSaveResult.Invalid(nameof(SubscriptionForm.EndsAt),
                "The end date must be in the future for an active or trial subscription (or set the status to expired).");
        return null;
    }

    private static IQueryable<AddonSubscription> Marketing(MarketingDbContext db) =>
        db.AddonSubscriptions.Where(s => s.AddonCode == AddonSubscription.MarketingAddon);

    private static SubscriptionView ToView(AddonSubscription s, DateTime now)
    {
        // Until the job runs, a row from last month still shows last month's usage: report this month's.
        var stale = s.PeriodStart < MonthStart(now);
        return new SubscriptionView(s.Status, s.EndsAt, s.AllowsUseAt(now), s.MonthlyEmailQuota, s.MonthlySmsQuota,
            stale ? 0 : s.EmailsSentThisPeriod, stale ? 0 : s.SmsSentThisPeriod, stale ? MonthStart(now) : s.PeriodStart, s.UpdatedAt);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static DateTime MonthStart(DateTime utc) => new(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime? AsUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        { } other => DateTime.SpecifyKind(other, DateTimeKind.Utc),
    };
}
