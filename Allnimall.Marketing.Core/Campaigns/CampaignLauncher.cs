using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns.Checklist;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Newsletters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Launches a campaign exactly once: one conditional UPDATE moves it from draft/scheduled to active (a second caller
/// changes no row), and in the same transaction one INSERT … SELECT snapshots the audience into one queued delivery
/// per recipient (the unique index on campaign, customer and channel is the second line of defence). A social campaign
/// queues one delivery per post (platform) instead of one per customer; a discount campaign queues none: launching it
/// activates its discount for the campaign's window. An email campaign whose pre-send checklist has errors is not
/// launched (<see cref="EmailLaunchChecklist"/>; the app always passes it, tests that build a launcher by hand may not).
/// </summary>
public sealed class CampaignLauncher(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock, EmailLaunchChecklist? checklist = null)
{
    public async Task<LaunchResult> LaunchAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Select(c => new { c.CampaignType, c.Status, c.TargetAudience, c.PromoDiscountId })
            .SingleOrDefaultAsync(ct);
        if (campaign is null) return new(LaunchOutcome.NotFound);
        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled))
            return new(campaign.Status == CampaignStatus.Active ? LaunchOutcome.AlreadyLaunched : LaunchOutcome.NotLaunchable,
                Reason: $"The campaign is {campaign.Status.ToString().ToLowerInvariant()}.");
        if (await CheckLaunchableAsync(db, campaignId, campaign.CampaignType, campaign.TargetAudience, ct) is { } problem)
            return new(LaunchOutcome.NotLaunchable, Reason: problem);
        if (campaign.CampaignType == CampaignType.Email && await ChecklistProblemAsync(db, campaignId, ct) is { } failed)
            return new(LaunchOutcome.NotLaunchable, Reason: failed);
        var promoDiscountId = campaign.CampaignType is CampaignType.Email or CampaignType.Sms ? campaign.PromoDiscountId : null;
        if (promoDiscountId is { } discountId
            && !await db.DiscountCampaigns.AnyAsync(d => d.Id == discountId && d.Method == DiscountMethod.Code, ct))
            return new(LaunchOutcome.NotLaunchable, Reason: "The discount whose codes the message hands out no longer takes codes.");

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Campaigns
            .Where(c => c.Id == campaignId && (c.Status == CampaignStatus.Draft || c.Status == CampaignStatus.Scheduled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CampaignStatus.Active)
                .SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, Guid.NewGuid()), ct);
        if (claimed == 0) return new(LaunchOutcome.AlreadyLaunched, Reason: "Another launch got there first.");

        int queued;
        if (campaign.CampaignType == CampaignType.Discount)
        {
            // Launching a discount campaign activates its discount for the campaign's window; nothing is delivered.
            queued = 0;
        }
        else if (campaign.CampaignType == CampaignType.Social)
        {
            queued = await InsertPostDeliveriesAsync(db, campaignId, now, ct);
        }
        else
        {
            var channel = campaign.CampaignType == CampaignType.Email ? DeliveryChannel.Email : DeliveryChannel.Sms;
            var audience = CampaignAudience.FromJson(campaign.TargetAudience);
            queued = audience.NewsletterListId is { } listId && channel == DeliveryChannel.Email
                ? await ExecuteAsync(CreateNewsletterInsertCommand(db, campaignId, NewsletterRecipients(db, listId), now), db, ct)
                : await InsertDeliveriesAsync(db, campaignId, channel, Recipients(db, audience, channel), now, ct);
            if (promoDiscountId is { } promoDiscount) await AssignPromoCodesAsync(db, transaction, campaignId, promoDiscount, now, ct);
        }
        await transaction.CommitAsync(ct);
        return new(LaunchOutcome.Launched, queued);
    }

    /// <summary>Why the email campaign's checklist refuses it (scheduling asks too), or null when it passes.</summary>
    internal async Task<string?> ChecklistProblemAsync(MarketingDbContext db, Guid campaignId, CancellationToken ct) =>
        checklist is not null && await checklist.ForCampaignAsync(db, campaignId, ct) is { HasErrors: true } result
            ? EmailLaunchChecklist.Describe(result)
            : null;

    /// <summary>Unique codes of this shape are handed out per recipient: 32^10 codes, collisions are vanishingly rare.</summary>
    internal static readonly PromoCodeRequest RecipientCodeShape = new(1, Prefix: null, Length: 10);

    /// <summary>
    /// One new unique code of the discount per delivery of the campaign that has none yet, assigned to the delivery's
    /// customer and linked to the delivery, in the launch transaction: generated in memory, bulk inserted, a clash with
    /// a stored code retried under a savepoint (<see cref="PromoCodeService.InsertUniqueAsync"/>).
    /// </summary>
    private static async Task AssignPromoCodesAsync(MarketingDbContext db, IDbContextTransaction transaction, Guid campaignId,
        Guid discountId, DateTime now, CancellationToken ct)
    {
        var deliveries = await db.CampaignDeliveries.AsNoTracking()
            .Where(d => d.CampaignId == campaignId && d.CustomerId != null && !db.PromoCodes.Any(p => p.CampaignDeliveryId == d.Id))
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.CustomerId })
            .ToListAsync(ct);
        if (deliveries.Count == 0) return;
        var all = PromoCodeGenerator.Generate(RecipientCodeShape, deliveries.Count);
        var ordered = all.Order(StringComparer.Ordinal).ToArray();
        await PromoCodeService.InsertUniqueAsync(db, transaction, ordered, all, RecipientCodeShape, (code, i) => new PromoCode
        {
            DiscountCampaignId = discountId, Code = code, AssignedCustomerId = deliveries[i].CustomerId,
            CampaignDeliveryId = deliveries[i].Id, CreatedAt = now,
        }, written: null, ct);
    }

    /// <summary>A social campaign's deliveries are its posts: one per chosen platform, no customer.</summary>
    private static async Task<int> InsertPostDeliveriesAsync(MarketingDbContext db, Guid campaignId, DateTime now, CancellationToken ct)
    {
        var posts = await db.SocialCampaigns.Where(p => p.CampaignId == campaignId
                && !db.CampaignDeliveries.Any(d => d.CampaignId == campaignId && d.SocialCampaignId == p.Id))
            .OrderBy(p => p.Platform).Select(p => p.Id).ToListAsync(ct);
        db.CampaignDeliveries.AddRange(posts.Select(id => new CampaignDelivery
        {
            CampaignId = campaignId, SocialCampaignId = id, Channel = DeliveryChannel.Social, NextAttemptAt = now, CreatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        return posts.Count;
    }

    private static async Task<string?> CheckLaunchableAsync(
        MarketingDbContext db, Guid campaignId, CampaignType type, string? targetAudience, CancellationToken ct)
    {
        if (type == CampaignType.Social)
            return await db.SocialCampaigns.AnyAsync(p => p.CampaignId == campaignId, ct) ? null : "The social campaign has no post yet.";
        if (type == CampaignType.Discount)
            return await db.DiscountCampaigns.AnyAsync(d => d.CampaignId == campaignId, ct) ? null : "The discount campaign has no discount yet.";
        try
        {
            var audience = CampaignAudience.FromJson(targetAudience);
            if (audience.NewsletterListId is { } listId)
            {
                if (type != CampaignType.Email) return "Only an email campaign can go to a newsletter list.";
                if (!await db.NewsletterLists.AnyAsync(l => l.Id == listId, ct)) return "The newsletter list no longer exists.";
            }
            else if (audience.IncludeSegments.Count == 0) return "The campaign targets no segment.";
        }
        catch (JsonException)
        {
            return "The campaign's audience is not valid JSON.";
        }
        return type switch
        {
            CampaignType.Email => await db.EmailCampaigns.AnyAsync(e => e.CampaignId == campaignId, ct) ? null : "The email has no content yet.",
            CampaignType.Sms => await db.SmsCampaigns.AnyAsync(s => s.CampaignId == campaignId, ct) ? null : "The SMS has no content yet.",
            _ => $"{type} campaigns are not delivered by the campaign pipeline.",
        };
    }

    /// <summary>
    /// Active members of an include segment, not in an exclude segment, who consented to the channel and have an
    /// address on it (for email, one not on the suppression list). Consent is never optional.
    /// </summary>
    internal static IQueryable<Guid> Recipients(MarketingDbContext db, CampaignAudience audience, DeliveryChannel channel)
    {
        var include = audience.IncludeSegments.ToList();
        var exclude = audience.ExcludeSegments.ToList();
        var customers = db.Customers.Where(c => c.IsActive
            && db.SegmentCustomers.Any(m => m.CustomerId == c.Id && include.Contains(m.SegmentId))
            && !db.SegmentCustomers.Any(m => m.CustomerId == c.Id && exclude.Contains(m.SegmentId)));
        customers = channel switch
        {
            // An address on the suppression list (unsubscribed, bounced, complained) gets no delivery row at all.
            DeliveryChannel.Email => customers.Where(c => c.EmailConsent && c.Email != null && c.Email.Trim() != ""
                && !db.EmailSuppressions.Any(s => s.Email == c.Email.Trim().ToLower())),
            DeliveryChannel.Sms => customers.Where(c => c.SmsConsent && c.Phone != null && c.Phone.Trim() != ""),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Only email and SMS go to customers one by one."),
        };
        return customers.Select(c => c.Id);
    }

    /// <summary>
    /// A newsletter issue's recipients: the list's subscribed addresses that are not on the suppression list (pending and
    /// unsubscribed ones get no delivery). The customer id goes with the address when it is a customer's, for one
    /// subscription per customer (the first by address), so the (campaign, customer, channel) index holds.
    /// </summary>
    internal static IQueryable<NewsletterRecipient> NewsletterRecipients(MarketingDbContext db, Guid listId) =>
        db.NewsletterSubscriptions
            .Where(s => s.ListId == listId && s.Status == NewsletterSubscriptionStatus.Subscribed
                && !db.EmailSuppressions.Any(x => x.Email == s.Email))
            .Select(s => new NewsletterRecipient(s.Id,
                s.CustomerId != null && db.NewsletterSubscriptions.Any(o => o.ListId == s.ListId && o.CustomerId == s.CustomerId
                    && o.Status == NewsletterSubscriptionStatus.Subscribed && string.Compare(o.Email, s.Email) < 0)
                    ? null : s.CustomerId));

    internal sealed record NewsletterRecipient(Guid SubscriptionId, Guid? CustomerId);

    /// <summary>
    /// EF Core has no INSERT … SELECT, so (as in <c>SegmentRefresher</c>) the SELECT is EF's own SQL for the recipient
    /// query wrapped in a fixed INSERT; every value is a parameter.
    /// </summary>
    private static async Task<int> InsertDeliveriesAsync(
        MarketingDbContext db, Guid campaignId, DeliveryChannel channel, IQueryable<Guid> recipients, DateTime now, CancellationToken ct)
    {
        return await ExecuteAsync(CreateInsertCommand(db, campaignId, channel, recipients, now), db, ct);
    }

    private static async Task<int> ExecuteAsync(DbCommand command, MarketingDbContext db, CancellationToken ct)
    {
        await using (command)
        {
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return await command.ExecuteNonQueryAsync(ct);
        }
    }

    internal static DbCommand CreateInsertCommand(
        MarketingDbContext db, Guid campaignId, DeliveryChannel channel, IQueryable<Guid> recipients, DateTime now) =>
        CreateCommand(db, recipients, campaignId, channel, now, (select, newId) =>
            "INSERT INTO campaign_deliveries (id, campaign_id, customer_id, channel, status, attempts, next_attempt_at, created_at) " +
            $"SELECT {newId}, @launch_campaign_id, r.id, @launch_channel, @launch_status, 0, @launch_now, @launch_now " +
            $"FROM ({select}) AS r " +
            "WHERE NOT EXISTS (SELECT 1 FROM campaign_deliveries AS d " +
            "WHERE d.campaign_id = @launch_campaign_id AND d.customer_id = r.id AND d.channel = @launch_channel)");

    /// <summary>
    /// A newsletter issue's INSERT … SELECT: one email delivery per subscription (and its customer, if any). The
    /// recipient query is a common table expression with named columns, so its computed customer column has a known name.
    /// </summary>
    internal static DbCommand CreateNewsletterInsertCommand(
        MarketingDbContext db, Guid campaignId, IQueryable<NewsletterRecipient> recipients, DateTime now) =>
        CreateCommand(db, recipients, campaignId, DeliveryChannel.Email, now, (select, newId) =>
            $"WITH r (subscription_id, customer_id) AS ({select}) " +
            "INSERT INTO campaign_deliveries (id, campaign_id, customer_id, newsletter_subscription_id, channel, status, attempts, next_attempt_at, created_at) " +
            $"SELECT {newId}, @launch_campaign_id, r.customer_id, r.subscription_id, @launch_channel, @launch_status, 0, @launch_now, @launch_now " +
            "FROM r WHERE NOT EXISTS (SELECT 1 FROM campaign_deliveries AS d " +
            "WHERE d.campaign_id = @launch_campaign_id AND d.newsletter_subscription_id = r.subscription_id)");

    private static DbCommand CreateCommand<T>(MarketingDbContext db, IQueryable<T> recipients, Guid campaignId, DeliveryChannel channel,
        DateTime now, Func<string, string, string> sql)
    {
        using var select = recipients.CreateDbCommand();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandTimeout = 300;
        command.CommandText = sql(select.CommandText, db.Database.IsSqlite() ? SqliteVersion7Guid : "NEWID()");
        // Move EF's parameters (with its own type conversions) to the wrapping command.
        var parameters = select.Parameters.Cast<DbParameter>().ToList();
        select.Parameters.Clear();
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        var entity = db.Model.FindEntityType(typeof(CampaignDelivery))!;
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        command.Parameters.Add(mappings.FindMapping(typeof(Guid))!.CreateParameter(command, "launch_campaign_id", campaignId));
        command.Parameters.Add(entity.FindProperty(nameof(CampaignDelivery.Channel))!.GetRelationalTypeMapping()
            .CreateParameter(command, "launch_channel", channel));
        command.Parameters.Add(entity.FindProperty(nameof(CampaignDelivery.Status))!.GetRelationalTypeMapping()
            .CreateParameter(command, "launch_status", DeliveryStatus.Queued));
        command.Parameters.Add(mappings.FindMapping(typeof(DateTime))!.CreateParameter(command, "launch_now", now));
        if (db.Database.IsSqlite())
        {
            // The time part of the version 7 id is the same for every row: computed once here, not per row in SQL.
            var milliseconds = new DateTimeOffset(now).ToUnixTimeMilliseconds().ToString("X12", CultureInfo.InvariantCulture);
            command.Parameters.Add(mappings.FindMapping(typeof(string))!.CreateParameter(command, "launch_id_prefix",
                $"{milliseconds[..8]}-{milliseconds[8..]}-7"));
        }
        return command;
    }

    // EF stores a Guid in SQLite as upper-case text. A version 7 layout (48-bit Unix milliseconds, then random bits)
    // keeps deliveries in launch order, like the Guid.CreateVersion7 ids EF inserts.
    private const string SqliteVersion7Guid =
        "@launch_id_prefix || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || " +
        "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))";
}
