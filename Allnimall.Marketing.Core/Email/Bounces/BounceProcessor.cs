using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>
/// Applies parsed bounces and complaints, in one transaction per run. A report counts only when it names an existing
/// email delivery and, when it says who bounced, that recipient is the address the delivery went to — a forged or
/// unrelated DSN changes nothing. The recipient is the delivery's customer or, for a newsletter issue, its subscription
/// (an outside subscriber has no customer): the address is the subscribed one when there is a subscription (what the
/// dispatcher mailed), else the customer's. Engagement rows carry the delivery, and the customer when there is one. Hard and soft bounces mark the delivery <c>bounced</c> and write <c>email_bounced</c>; a hard bounce
/// suppresses the address at once, soft bounces once <see cref="BounceMailboxOptions.SoftBounceLimit"/> of them fall within
/// the window (counted per customer, or per address for recipients who are no customer); a complaint writes <c>email_complaint</c> and suppresses at once. Reading the same report twice changes
/// nothing the second time (the delivery is already bounced, the complaint already recorded for the customer and
/// campaign, or for the delivery of a non-customer).
/// </summary>
public sealed partial class BounceProcessor(IDbContextFactory<MarketingDbContext> dbFactory, IOptions<EmailOptions> options, TimeProvider clock)
{
    public const string SuppressionSource = "bounce mailbox";
    public const string RetriesExhaustedSource = "smtp retries exhausted";
    private readonly BounceMailboxOptions settings = options.Value.Bounces;

    public async Task<BounceOutcome> ApplyAsync(IReadOnlyList<BounceReport> reports, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0) return new(0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = reports.Select(r => r.DeliveryId).Distinct().ToList();
        var deliveries = await Targets(db, db.CampaignDeliveries.Where(d => ids.Contains(d.Id)))
            .Select(t => t.Target).ToDictionaryAsync(d => d.Id, ct);
        var complained = await ComplainedAlreadyAsync(db, deliveries.Values, ct);

        var applied = new List<(BounceReport Report, TargetDelivery Delivery)>();
        foreach (var report in reports.DistinctBy(r => (r.DeliveryId, r.Kind)))
        {
            if (!deliveries.TryGetValue(report.DeliveryId, out var delivery) || !Matches(report, delivery)) continue;
            var fresh = report.Kind == BounceKind.Complaint
                ? complained.Add((delivery.RecipientKey, delivery.CampaignId))
                : delivery.Status is DeliveryStatus.Sent or DeliveryStatus.Unknown or DeliveryStatus.Delivered
                    && !applied.Any(a => a.Delivery.Id == delivery.Id && a.Report.Kind != BounceKind.Complaint);
            if (fresh) applied.Add((report, delivery));
        }

        await MarkBouncedAsync(db, applied, ct);
        db.CustomerEngagement.AddRange(applied.Select(a => new CustomerEngagement
        {
            CustomerId = a.Delivery.CustomerId, CampaignId = a.Delivery.CampaignId, DeliveryId = a.Delivery.Id, EngagementDate = now,
            EngagementType = a.Report.Kind == BounceKind.Complaint ? EngagementTypes.EmailComplaint : EngagementTypes.EmailBounced,
            EngagementData = JsonSerializer.Serialize(new
            {
                kind = a.Report.Kind.ToString().ToLowerInvariant(), status = a.Report.Status, diagnostic = Truncate(a.Report.Diagnostic, 500),
            }),
        }));
        await db.SaveChangesAsync(ct);

        var toSuppress = applied.Where(a => a.Report.Kind != BounceKind.Soft)
            .Select(a => (a.Delivery.Email!, a.Report.Kind == BounceKind.Hard ? EmailSuppressionReason.HardBounce : EmailSuppressionReason.Complained))
            .Concat(await SoftBounceLimitReachedAsync(db, applied, now, ct))
            .ToList();
        var suppressed = await SuppressAsync(db, toSuppress, now, SuppressionSource, ct);
        await transaction.CommitAsync(ct);
        return new(applied.Count, reports.Count - applied.Count, suppressed);
    }

    /// <summary>A temporary reply about the recipient's address or mailbox (RFC 3463 4.1.x, 4.2.x), not about the relay or policy.</summary>
    public static bool IsSoftBounceReply(string? reply) => ReplyCode(reply) is { Class: 4, Subject: 1 or 2 };

    /// <summary>The enhanced code of an SMTP reply as the transport words it ("SMTP 452 4.2.2 Mailbox full").</summary>
    private static EnhancedStatusCode? ReplyCode(string? reply) =>
        reply is not null && SmtpReply().Match(reply) is { Success: true } match ? EnhancedStatusCode.Find(match.Groups[1].Value) : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"\b[245]\d\d[ -]([245]\.\d{1,3}\.\d{1,3})\b")]
    private static partial System.Text.RegularExpressions.Regex SmtpReply();

    /// <summary>
    /// Email deliveries that failed for good after their retries on a soft-bounce reply (the dispatcher's call): each
    /// writes an <c>email_bounced</c> row of kind soft, and an address whose soft bounces reach the limit within the
    /// window is suppressed, exactly as for bounces read from the mailbox. Returns the addresses suppressed.
    /// </summary>
    public async Task<int> RecordExhaustedSoftBouncesAsync(IReadOnlyCollection<Guid> deliveryIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(deliveryIds);
        if (deliveryIds.Count == 0) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var failed = await Targets(db, db.CampaignDeliveries.Where(d => deliveryIds.Contains(d.Id) && d.Status == DeliveryStatus.Failed))
            .ToListAsync(ct);
        var applied = failed.Where(f => !string.IsNullOrWhiteSpace(f.Target.Email))
            .Select(f => (Report: new BounceReport(BounceKind.Soft, f.Target.Id, f.Target.Email, ReplyCode(f.LastError)?.ToString(),
                f.LastError), Delivery: f.Target)).ToList();
        db.CustomerEngagement.AddRange(applied.Select(a => new CustomerEngagement
        {
            CustomerId = a.Delivery.CustomerId, CampaignId = a.Delivery.CampaignId, DeliveryId = a.Delivery.Id, EngagementDate = now,
            EngagementType = EngagementTypes.EmailBounced,
            EngagementData = JsonSerializer.Serialize(new { kind = "soft", status = a.Report.Status, diagnostic = Truncate(a.Report.Diagnostic, 500) }),
        }));
        await db.SaveChangesAsync(ct);
        var suppressed = await SuppressAsync(db, await SoftBounceLimitReachedAsync(db, applied, now, ct), now, RetriesExhaustedSource, ct);
        await transaction.CommitAsync(ct);
        return suppressed;
    }

    /// <summary>
    /// The email deliveries among <paramref name="deliveries"/> with their recipient: the customer, the newsletter
    /// subscription, or both (left joins, one query). A delivery with neither (a social post) has no address.
    /// </summary>
    private static IQueryable<TargetRow> Targets(MarketingDbContext db, IQueryable<CampaignDelivery> deliveries) =>
        from d in deliveries.AsNoTracking()
        where d.Channel == DeliveryChannel.Email && (d.CustomerId != null || d.NewsletterSubscriptionId != null)
        from c in db.Customers.Where(c => c.Id == d.CustomerId).DefaultIfEmpty()
        from s in db.NewsletterSubscriptions.Where(s => s.Id == d.NewsletterSubscriptionId).DefaultIfEmpty()
        select new TargetRow(new TargetDelivery(d.Id, d.CampaignId, (Guid?)c.Id, d.Status, s.Email ?? c.Email), d.LastError);

    private static bool Matches(BounceReport report, TargetDelivery delivery) =>
        !string.IsNullOrWhiteSpace(delivery.Email)
        && (report.Recipient is null || EmailSuppressionService.Normalize(report.Recipient) == EmailSuppressionService.Normalize(delivery.Email));

    /// <summary>
    /// Complaints already recorded, as (<see cref="TargetDelivery.RecipientKey"/>, campaign): per customer and campaign
    /// for customers (as before), per delivery for the others — an outside subscriber has one delivery per issue.
    /// </summary>
    private static async Task<HashSet<(Guid, Guid)>> ComplainedAlreadyAsync(MarketingDbContext db, ICollection<TargetDelivery> deliveries, CancellationToken ct)
    {
        var customers = deliveries.Where(d => d.CustomerId is not null).Select(d => d.CustomerId!.Value).Distinct().ToList();
        var others = deliveries.Where(d => d.CustomerId is null).Select(d => d.Id).ToList();
        var rows = await db.CustomerEngagement.AsNoTracking()
            .Where(e => e.EngagementType == EngagementTypes.EmailComplaint && e.CampaignId != null
                && ((e.CustomerId != null && customers.Contains(e.CustomerId.Value))
                    || (e.CustomerId == null && e.DeliveryId != null && others.Contains(e.DeliveryId.Value))))
            .Select(e => new { Key = e.CustomerId ?? e.DeliveryId!.Value, CampaignId = e.CampaignId!.Value }).ToListAsync(ct);
        return rows.Select(r => (r.Key, r.CampaignId)).ToHashSet();
    }

    private static async Task MarkBouncedAsync(MarketingDbContext db, List<(BounceReport Report, TargetDelivery Delivery)> applied, CancellationToken ct)
    {
        foreach (var kind in new[] { BounceKind.Hard, BounceKind.Soft })
        {
            var ids = applied.Where(a => a.Report.Kind == kind).Select(a => a.Delivery.Id).ToList();
            if (ids.Count == 0) continue;
            var error = kind == BounceKind.Hard ? "hard bounce (bounce mailbox)" : "soft bounce (bounce mailbox)";
            await db.CampaignDeliveries.Where(d => ids.Contains(d.Id) && d.Status != DeliveryStatus.Bounced)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DeliveryStatus.Bounced).SetProperty(d => d.LastError, error), ct);
        }
    }

    /// <summary>
    /// Addresses whose soft bounces within the window (this run's included) reached the limit: counted per customer for
    /// customers (as before), and per subscribed address for the others, across every list and issue the address got —
    /// one grouped query each.
    /// </summary>
    private async Task<List<(string, EmailSuppressionReason)>> SoftBounceLimitReachedAsync(MarketingDbContext db,
        List<(BounceReport Report, TargetDelivery Delivery)> applied, DateTime now, CancellationToken ct)
    {
        var soft = applied.Where(a => a.Report.Kind == BounceKind.Soft).Select(a => a.Delivery).ToList();
        if (soft.Count == 0) return [];
        var since = now.AddDays(-settings.SoftBounceWindowDays);
        var pattern = "%\"kind\":\"soft\"%";
        var softBounces = db.CustomerEngagement.AsNoTracking().Where(e => e.EngagementType == EngagementTypes.EmailBounced
            && e.EngagementDate >= since && e.EngagementData != null && EF.Functions.Like(e.EngagementData, pattern));

        var reached = new List<(string, EmailSuppressionReason)>();
        var byCustomer = soft.Where(d => d.CustomerId is not null).DistinctBy(d => d.CustomerId).ToList();
        if (byCustomer.Count > 0)
        {
            var customers = byCustomer.Select(d => d.CustomerId!.Value).ToList();
            var counts = await softBounces.Where(e => e.CustomerId != null && customers.Contains(e.CustomerId.Value))
                .GroupBy(e => e.CustomerId!.Value).Select(g => new { CustomerId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.CustomerId, g => g.Count, ct);
            reached.AddRange(byCustomer.Where(d => counts.GetValueOrDefault(d.CustomerId!.Value) >= settings.SoftBounceLimit)
                .Select(d => (d.Email!, EmailSuppressionReason.SoftBounceLimit)));
        }
        var byAddress = soft.Where(d => d.CustomerId is null).Select(d => EmailSuppressionService.Normalize(d.Email!)).Distinct().ToList();
        if (byAddress.Count > 0)
        {
            // Subscription addresses are stored normalised; the bounce rows of a non-customer lead to it through their delivery.
            var counts = await (
                from e in softBounces
                where e.CustomerId == null && e.DeliveryId != null
                join d in db.CampaignDeliveries on e.DeliveryId equals d.Id
                join s in db.NewsletterSubscriptions on d.NewsletterSubscriptionId equals s.Id
                where byAddress.Contains(s.Email)
                group e by s.Email into g
                select new { Email = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Email, g => g.Count, ct);
            reached.AddRange(byAddress.Where(a => counts.GetValueOrDefault(a) >= settings.SoftBounceLimit)
                .Select(a => (a, EmailSuppressionReason.SoftBounceLimit)));
        }
        return reached;
    }

    private static async Task<int> SuppressAsync(MarketingDbContext db, List<(string Email, EmailSuppressionReason Reason)> entries, DateTime now,
        string source, CancellationToken ct)
    {
        var wanted = entries.Select(e => (Email: EmailSuppressionService.Normalize(e.Email), e.Reason))
            .Where(e => e.Email.Length is > 0 and <= EmailSuppressionService.MaxEmailLength).DistinctBy(e => e.Email).ToList();
        if (wanted.Count == 0) return 0;
        var addresses = wanted.Select(e => e.Email).ToList();
        var listed = await db.EmailSuppressions.Where(s => addresses.Contains(s.Email)).Select(s => s.Email).ToListAsync(ct);
        var fresh = wanted.Where(e => !listed.Contains(e.Email)).ToList();
        db.EmailSuppressions.AddRange(fresh.Select(e => new EmailSuppression { Email = e.Email, Reason = e.Reason, Source = source, CreatedAt = now }));
        await db.SaveChangesAsync(ct);
        return fresh.Count;
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    /// <summary><see cref="RecipientKey"/>: the customer, or the delivery itself for a recipient who is no customer.</summary>
    private sealed record TargetDelivery(Guid Id, Guid CampaignId, Guid? CustomerId, DeliveryStatus Status, string? Email)
    {
        public Guid RecipientKey => CustomerId ?? Id;
    }

    private sealed record TargetRow(TargetDelivery Target, string? LastError);
}
