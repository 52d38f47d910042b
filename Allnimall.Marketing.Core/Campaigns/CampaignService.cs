using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Campaigns for the grid, the form, the detail page and the API, and their life cycle. Every status change is one
/// conditional UPDATE on the expected status (two racing requests cannot both win) and is recorded in
/// <c>campaign_events</c> in the same transaction.
/// </summary>
public sealed partial class CampaignService(IDbContextFactory<MarketingDbContext> dbFactory, CampaignLauncher launcher,
    MessageTemplateRenderer renderer, EmailContentComposer emailContent, TimeProvider clock)
{
    private static readonly CampaignStatus[] EditableStatuses = [CampaignStatus.Draft, CampaignStatus.Scheduled];
    private static readonly CampaignStatus[] ResendableStatuses = [CampaignStatus.Active, CampaignStatus.Paused, CampaignStatus.Completed];

    /// <summary>Most deliveries one resend may name (one grid page is at most 200); "all unknown" has no limit.</summary>
    public const int MaxResendIds = 1000;

    public async Task<PagedResult<CampaignListItem>> ListAsync(CampaignGridQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaigns = db.Campaigns.AsNoTracking();
        if (query.Status is { } status) campaigns = campaigns.Where(c => c.Status == status);
        if (query.Type is { } type) campaigns = campaigns.Where(c => c.CampaignType == type);
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            campaigns = campaigns.Where(c => EF.Functions.Like(c.Name, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(c.Description ?? "", pattern, LikePattern.EscapeCharacter));
        }
        var total = await campaigns.CountAsync(ct);
        var ordered = query.SortBy?.ToLowerInvariant() switch
        {
            CampaignSortKeys.Name => campaigns.OrderBy(c => c.Name, query.Descending),
            CampaignSortKeys.Status => campaigns.OrderBy(c => c.Status, query.Descending),
            CampaignSortKeys.Type => campaigns.OrderBy(c => c.CampaignType, query.Descending),
            CampaignSortKeys.StartDate => campaigns.OrderBy(c => c.StartDate, query.Descending),
            CampaignSortKeys.Created => campaigns.OrderBy(c => c.CreatedAt, query.Descending),
            _ => campaigns.OrderByDescending(c => c.CreatedAt), // newest first unless asked otherwise
        };
        // The counts are correlated subqueries of the one page query: one round trip, however many rows.
        var items = await ordered.ThenBy(c => c.Id)
            .Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(c => new CampaignListItem(c.Id, c.Name, c.CampaignType, c.Status, c.StartDate, c.EndDate,
                db.CampaignDeliveries.Count(d => d.CampaignId == c.Id),
                // Delivered and bounced messages were sent too (their status moved on when the provider or a DSN answered).
                db.CampaignDeliveries.Count(d => d.CampaignId == c.Id
                    && (d.Status == DeliveryStatus.Sent || d.Status == DeliveryStatus.Delivered || d.Status == DeliveryStatus.Bounced)),
                db.CampaignDeliveries.Count(d => d.CampaignId == c.Id && d.Status == DeliveryStatus.Failed),
                c.CreatedAt,
                (int)db.CampaignPerformance.Where(p => p.CampaignId == c.Id && p.MetricName == EmailMetrics.Sent).Sum(p => p.MetricValue),
                (int)db.CampaignPerformance.Where(p => p.CampaignId == c.Id && p.MetricName == EmailMetrics.Opens).Sum(p => p.MetricValue),
                (int)db.CampaignPerformance.Where(p => p.CampaignId == c.Id && p.MetricName == EmailMetrics.Clicks).Sum(p => p.MetricValue)))
            .ToListAsync(ct);
        return new PagedResult<CampaignListItem>(items, total, query.EffectivePage, query.EffectivePageSize);
    }

    public async Task<CampaignDetailView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var email = await db.EmailCampaigns.AsNoTracking().Where(e => e.CampaignId == id)
            .Select(e => new { e.Subject, e.EmailContent, e.SenderName, e.SenderEmail, e.EditorMode, e.ContentBlocks, e.Preheader })
            .SingleOrDefaultAsync(ct) is { } e
            ? EmailView(e.Subject, e.EmailContent, e.SenderName, e.SenderEmail, e.EditorMode, e.ContentBlocks, e.Preheader)
            : null;
        var sms = await db.SmsCampaigns.AsNoTracking().Where(s => s.CampaignId == id)
            .Select(s => new CampaignSmsView(s.MessageContent, s.SenderName)).SingleOrDefaultAsync(ct);
        var posts = await db.SocialCampaigns.AsNoTracking().Where(s => s.CampaignId == id)
            .OrderBy(s => s.Platform).Select(s => new { s.Platform, s.PostContent }).ToListAsync(ct);
        var social = posts.Count == 0 ? null : new CampaignSocialView(posts.Select(p => p.Platform).ToList(), posts[0].PostContent);
        var counts = await db.CampaignDeliveries.AsNoTracking().Where(d => d.CampaignId == id)
            .GroupBy(d => d.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        var history = await db.CampaignEvents.AsNoTracking().Where(e => e.CampaignId == id)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new CampaignHistoryEntry(e.Action, e.FromStatus, e.ToStatus, e.UserId,
                db.Users.Where(u => u.Id == e.UserId).Select(u => u.Email).FirstOrDefault(), e.At,
                db.Users.Where(u => u.Id == e.UserId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(ct);
        return new CampaignDetailView(c.Id, c.Name, c.Description, c.CampaignType, c.Status, c.StartDate, c.EndDate,
            AudienceOf(c.TargetAudience), email, sms, social, counts.Sum(x => x.Count),
            counts.OrderBy(x => x.Status).Select(x => new DeliveryStatusCount(x.Status, x.Count)).ToList(), history,
            c.CreatedBy, c.CreatedAt, c.UpdatedAt, c.Version, c.PromoDiscountId);
    }

    /// <summary>One page of a campaign's deliveries, optionally of one status; null when the campaign does not exist.</summary>
    public async Task<PagedResult<CampaignDeliveryRow>?> DeliveriesAsync(Guid id, CampaignDeliveryQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Campaigns.AnyAsync(c => c.Id == id, ct)) return null;
        var deliveries = db.CampaignDeliveries.AsNoTracking().Where(d => d.CampaignId == id);
        if (query.Status is { } status) deliveries = deliveries.Where(d => d.Status == status);
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            deliveries = deliveries.Where(d => db.Customers.Any(x => x.Id == d.CustomerId
                && EF.Functions.Like(x.FirstName + " " + x.LastName, pattern, LikePattern.EscapeCharacter)));
        }
        var total = await deliveries.CountAsync(ct);
        var items = await deliveries.OrderBy(d => d.CreatedAt, query.Descending).ThenBy(d => d.Id)
            .Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(d => new CampaignDeliveryRow(d.Id, d.CustomerId,
                db.Customers.Where(x => x.Id == d.CustomerId).Select(x => x.FirstName + " " + x.LastName).FirstOrDefault(),
                d.Channel, d.Status, d.Attempts, d.LastError, d.SkipReason, d.CreatedAt, d.SentAt))
            .ToListAsync(ct);
        return new PagedResult<CampaignDeliveryRow>(items, total, query.EffectivePage, query.EffectivePageSize);
    }

    /// <summary>How many customers the audience reaches on the channel now: members, minus excluded, with consent and an address.</summary>
    public async Task<int> AudienceCountAsync(CampaignAudience audience, DeliveryChannel channel, CancellationToken ct = default)
    {
        if (audience.NewsletterListId is { } listId)
        {
            if (channel != DeliveryChannel.Email) return 0;
            await using var listDb = await dbFactory.CreateDbContextAsync(ct);
            return await CampaignLauncher.NewsletterRecipients(listDb, listId).CountAsync(ct);
        }
        if (audience.IncludeSegments.Count == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CampaignLauncher.Recipients(db, audience, channel).CountAsync(ct);
    }

    public Task<SaveResult<CampaignDetailView>> CreateAsync(CampaignForm form, string userId, CancellationToken ct = default) =>
        InsertAsync(form, userId, CampaignAction.Created, ct);

    public async Task<SaveResult<CampaignDetailView>> UpdateAsync(Guid id, CampaignForm form, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null) return SaveResult<CampaignDetailView>.NotFound();
        if (!EditableStatuses.Contains(campaign.Status))
            return SaveResult<CampaignDetailView>.Conflict($"{Describe(campaign.Status)} campaign cannot be edited. Only drafts and scheduled campaigns can.");
        if (form.Version is { } version && version != campaign.Version)
            return SaveResult<CampaignDetailView>.Conflict("Someone else changed this campaign since you opened it. Reload to see their changes.");
        if (await ValidateAsync(db, form, ct) is { Count: > 0 } errors) return SaveResult<CampaignDetailView>.Invalid(errors);
        var body = await ComposeEmailAsync(form, ct);
        if (body?.Errors is { Count: > 0 } bodyErrors) return SaveResult<CampaignDetailView>.Invalid(bodyErrors);

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            Apply(campaign, form);
            campaign.Version = Guid.NewGuid();
            await db.EmailCampaigns.Where(e => e.CampaignId == id).ExecuteDeleteAsync(ct);
            await db.SmsCampaigns.Where(s => s.CampaignId == id).ExecuteDeleteAsync(ct);
            await db.SocialCampaigns.Where(s => s.CampaignId == id).ExecuteDeleteAsync(ct);
            AddChannelRows(db, id, form, body);
            db.CampaignEvents.Add(Event(id, CampaignAction.Updated, campaign.Status, campaign.Status, userId));
            try
            {
                // The version is the concurrency token: a launch or another save since the read makes this change no row.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return SaveResult<CampaignDetailView>.Conflict("The campaign changed at the same time (launched or saved by someone else). Reload and try again.");
            }
            await transaction.CommitAsync(ct);
        }
        return SaveResult<CampaignDetailView>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>A draft copy with the same content, audience and dates; the copy's history starts with "duplicated".</summary>
    public async Task<SaveResult<CampaignDetailView>> DuplicateAsync(Guid id, string userId, CancellationToken ct = default)
    {
        var source = await GetAsync(id, ct);
        if (source is null) return SaveResult<CampaignDetailView>.NotFound();
        var name = $"{source.Name} (copy)";
        return await InsertAsync(new CampaignForm
        {
            Name = name.Length <= 255 ? name : name[..255], Description = source.Description, Type = source.Type,
            StartDate = source.StartDate, EndDate = source.EndDate,
            IncludeSegments = [.. source.Audience.IncludeSegments], ExcludeSegments = [.. source.Audience.ExcludeSegments],
            NewsletterListId = source.Audience.NewsletterListId,
            EmailSubject = source.Email?.Subject, EmailContent = source.Email?.Content,
            EmailEditorMode = source.Email?.EditorMode ?? EmailEditorMode.Html, EmailBlocks = source.Email?.Blocks,
            SenderName = source.Email?.SenderName ?? source.Sms?.SenderName, SenderEmail = source.Email?.SenderEmail,
            SmsMessage = source.Sms?.Message, SocialPlatforms = [.. source.Social?.Platforms ?? []], SocialContent = source.Social?.Content,
            PromoDiscountId = source.PromoDiscountId,
        }, userId, CampaignAction.Duplicated, ct);
    }

    /// <summary>Only a draft is deleted; anything that was scheduled or sent is cancelled instead, so its history stays.</summary>
    public async Task<SaveResult<bool>> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Campaigns.Where(c => c.Id == id && c.Status == CampaignStatus.Draft).ExecuteDeleteAsync(ct) == 1)
            return SaveResult<bool>.Ok(true);
        var status = await StatusAsync(db, id, ct);
        return status is null
            ? SaveResult<bool>.NotFound()
            : SaveResult<bool>.Conflict($"{Describe(status.Value)} campaign cannot be deleted; cancel it instead.");
    }

    public async Task<SaveResult<CampaignDetailView>> ScheduleAsync(Guid id, string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var start = await db.Campaigns.Where(c => c.Id == id).Select(c => new { c.Status, c.StartDate }).SingleOrDefaultAsync(ct);
        if (start is null) return SaveResult<CampaignDetailView>.NotFound();
        if (start.Status == CampaignStatus.Draft && !(start.StartDate > now))
            return SaveResult<CampaignDetailView>.Invalid(nameof(CampaignForm.StartDate), "Pick a start date in the future to schedule the campaign.");
        if (start.Status == CampaignStatus.Draft && await launcher.ChecklistProblemAsync(db, id, ct) is { } problem)
            return SaveResult<CampaignDetailView>.Conflict($"The campaign cannot be scheduled: {problem}");
        return await TransitionAsync(db, id, CampaignAction.Scheduled, "scheduled", [CampaignStatus.Draft], CampaignStatus.Scheduled, userId,
            c => c.StartDate > now, ct);
    }

    /// <summary>Draft or scheduled → active, snapshotting the audience into deliveries; a second launch is a conflict.</summary>
    public async Task<SaveResult<CampaignDetailView>> LaunchAsync(Guid id, string userId, CancellationToken ct = default)
    {
        CampaignStatus? before;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            before = await StatusAsync(db, id, ct);
        var result = await launcher.LaunchAsync(id, ct);
        switch (result.Outcome)
        {
            case LaunchOutcome.NotFound:
                return SaveResult<CampaignDetailView>.NotFound();
            case LaunchOutcome.AlreadyLaunched:
                return SaveResult<CampaignDetailView>.Conflict("This campaign has already been launched.");
            case LaunchOutcome.NotLaunchable:
                return SaveResult<CampaignDetailView>.Conflict($"The campaign cannot be launched: {result.Reason}");
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.CampaignEvents.Add(Event(id, CampaignAction.Launched, before, CampaignStatus.Active, userId));
            await db.SaveChangesAsync(ct);
        }
        return SaveResult<CampaignDetailView>.Ok((await GetAsync(id, ct))!);
    }

    public async Task<SaveResult<CampaignDetailView>> PauseAsync(Guid id, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TransitionAsync(db, id, CampaignAction.Paused, "paused", [CampaignStatus.Active], CampaignStatus.Paused, userId, null, ct);
    }

    public async Task<SaveResult<CampaignDetailView>> ResumeAsync(Guid id, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TransitionAsync(db, id, CampaignAction.Resumed, "resumed", [CampaignStatus.Paused], CampaignStatus.Active, userId, null, ct);
    }

    /// <summary>Stops for good: the dispatcher claims deliveries of active campaigns only, so queued ones are never sent.</summary>
    public async Task<SaveResult<CampaignDetailView>> CancelAsync(Guid id, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await TransitionAsync(db, id, CampaignAction.Cancelled, "cancelled",
            [CampaignStatus.Draft, CampaignStatus.Scheduled, CampaignStatus.Active, CampaignStatus.Paused], CampaignStatus.Cancelled, userId, null, ct);
    }

    /// <summary>The campaign's status and delivery counts only: cheap enough to poll while it sends. Null when it does not exist.</summary>
    public async Task<CampaignProgress?> ProgressAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var status = await StatusAsync(db, id, ct);
        if (status is null) return null;
        var counts = await db.CampaignDeliveries.AsNoTracking().Where(d => d.CampaignId == id)
            .GroupBy(d => d.Status).Select(g => new DeliveryStatusCount(g.Key, g.Count())).ToListAsync(ct);
        return new CampaignProgress(id, status.Value, counts.OrderBy(c => c.Status).ToList());
    }

    /// <summary>
    /// Staff's deliberate resend of deliveries whose outcome is unknown (all of them, or <paramref name="deliveryIds"/>):
    /// one UPDATE moves them back to queued, due now, and the history records who did it. The customer may get the
    /// message twice, which is why this is never automatic. Allowed while the campaign is active or paused (a paused
    /// campaign sends them on resume); a completed campaign is reopened as active so the dispatcher sends them, unless
    /// its end date has passed. Returns how many deliveries were requeued.
    /// </summary>
    public async Task<SaveResult<int>> ResendUnknownAsync(Guid campaignId, IReadOnlyCollection<Guid>? deliveryIds, string userId,
        CancellationToken ct = default)
    {
        if (deliveryIds is { Count: 0 }) return SaveResult<int>.Invalid("DeliveryIds", "Choose at least one delivery to resend.");
        if (deliveryIds is { Count: > MaxResendIds })
            return SaveResult<int>.Invalid("DeliveryIds", $"Resend at most {MaxResendIds:N0} chosen deliveries at once, or all unknown ones.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = await StatusAsync(db, campaignId, ct);
        if (before is null) return SaveResult<int>.NotFound();
        if (!ResendableStatuses.Contains(before.Value))
            return SaveResult<int>.Conflict($"{Describe(before.Value)} campaign sends nothing, so its deliveries cannot be resent.");
        if (before == CampaignStatus.Completed)
        {
            // Reopened only inside its window: past the end date the due-campaign job would complete it again and skip them.
            var reopened = await db.Campaigns
                .Where(c => c.Id == campaignId && c.Status == CampaignStatus.Completed && (c.EndDate == null || c.EndDate > now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Status, CampaignStatus.Active)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, Guid.NewGuid()), ct);
            if (reopened == 0)
                return await StatusAsync(db, campaignId, ct) == CampaignStatus.Completed
                    ? SaveResult<int>.Conflict("The campaign has ended (its end date has passed), so nothing more can be sent.")
                    : SaveResult<int>.Conflict("The campaign changed at the same time. Reload and try again.");
        }
        var ids = deliveryIds?.Distinct().ToList();
        // The campaign check in the same UPDATE: a cancel that lands in between leaves every delivery as it was.
        var unknown = db.CampaignDeliveries.Where(d => d.CampaignId == campaignId && d.Status == DeliveryStatus.Unknown
            && db.Campaigns.Any(c => c.Id == campaignId && (c.Status == CampaignStatus.Active || c.Status == CampaignStatus.Paused)));
        if (ids is not null) unknown = unknown.Where(d => ids.Contains(d.Id));
        var requeued = await unknown.ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Queued)
            .SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.ClaimToken, (Guid?)null)
            .SetProperty(d => d.ClaimedUntil, (DateTime?)null)
            .SetProperty(d => d.LastError, (string?)null), ct);
        if (requeued == 0)
        {
            // Nothing moved: the transaction is not committed, so a reopened campaign stays completed.
            var current = await StatusAsync(db, campaignId, ct);
            return current is CampaignStatus.Active or CampaignStatus.Paused
                ? SaveResult<int>.Conflict(ids is null
                    ? "This campaign has no deliveries with an unknown outcome."
                    : "None of the chosen deliveries has an unknown outcome any more.")
                : SaveResult<int>.Conflict("The campaign changed at the same time. Reload and try again.");
        }
        var after = before == CampaignStatus.Completed ? CampaignStatus.Active : before;
        db.CampaignEvents.Add(Event(campaignId, CampaignAction.ResentUnknown, before, after, userId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return SaveResult<int>.Ok(requeued);
    }

    /// <summary>Field errors keyed by <see cref="CampaignForm"/> property names; Liquid errors carry line and column.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(CampaignForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ValidateAsync(db, form, ct);
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(MarketingDbContext db, CampaignForm form, CancellationToken ct)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        var errors = results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (Field: m, r.ErrorMessage)))
            .GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "Invalid.").ToArray());
        if (string.IsNullOrWhiteSpace(form.Name)) errors.TryAdd(nameof(CampaignForm.Name), ["Give the campaign a name."]);
        if (form.StartDate is { } start && form.EndDate is { } end && end <= start)
            errors[nameof(CampaignForm.EndDate)] = ["The end date must be after the start date."];
        await ValidateSegmentsAsync(db, form, errors, ct);
        await ValidateNewsletterListAsync(db, form, errors, ct);
        if (form.Type is CampaignType.Email or CampaignType.Sms) await ValidatePromoDiscountAsync(db, form, errors, ct);
        switch (form.Type)
        {
            case CampaignType.Email: ValidateEmail(form, errors); break;
            case CampaignType.Sms: ValidateSms(form, errors); break;
            case CampaignType.Social: ValidateSocial(form, errors); break;
            case CampaignType.Discount:
                errors[nameof(CampaignForm.Type)] = ["Discount campaigns are set up with their discount, on the discounts page."];
                break;
            default:
                errors[nameof(CampaignForm.Type)] = ["A campaign is email, sms, social or discount."];
                break;
        }
        return errors;
    }

    private static async Task ValidateSegmentsAsync(MarketingDbContext db, CampaignForm form, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var ids = form.IncludeSegments.Concat(form.ExcludeSegments).Distinct().ToList();
        if (ids.Count == 0) return;
        var known = (await db.CustomerSegments.Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        if (form.IncludeSegments.Where(s => !known.Contains(s)).ToList() is { Count: > 0 } missingIncluded)
            errors[nameof(CampaignForm.IncludeSegments)] = [$"No segment has id {string.Join(", ", missingIncluded)}."];
        if (form.ExcludeSegments.Where(s => !known.Contains(s)).ToList() is { Count: > 0 } missingExcluded)
            errors[nameof(CampaignForm.ExcludeSegments)] = [$"No segment has id {string.Join(", ", missingExcluded)}."];
        if (form.IncludeSegments.Intersect(form.ExcludeSegments).Any())
            errors.TryAdd(nameof(CampaignForm.ExcludeSegments), ["A segment cannot be both included and excluded."]);
    }

    /// <summary>A newsletter issue: an email campaign to an existing list, with no segments besides.</summary>
    private static async Task ValidateNewsletterListAsync(MarketingDbContext db, CampaignForm form, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        // Other types ignore the field, as they ignore the email fields (see CampaignForm).
        if (form.Type != CampaignType.Email || form.NewsletterListId is not { } listId) return;
        if (!await db.NewsletterLists.AnyAsync(l => l.Id == listId, ct))
            errors[nameof(CampaignForm.NewsletterListId)] = [$"No newsletter list has id {listId}."];
        else if (form.IncludeSegments.Count > 0 || form.ExcludeSegments.Count > 0)
            errors[nameof(CampaignForm.NewsletterListId)] = ["A newsletter issue goes to its list: remove the segments."];
    }

    /// <summary>
    /// The discount must take codes and be active or scheduled; a message that shows <c>{{ promo_code }}</c> needs one,
    /// or every recipient would get an empty code.
    /// </summary>
    private static async Task ValidatePromoDiscountAsync(MarketingDbContext db, CampaignForm form, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (form.PromoDiscountId is { } discountId)
        {
            if (!await PromoCodeDiscounts(db).AnyAsync(d => d.Id == discountId, ct))
                errors[nameof(CampaignForm.PromoDiscountId)] = ["Choose an active or scheduled discount that uses codes."];
            return;
        }
        var texts = form.Type == CampaignType.Email ? new[] { form.EmailSubject, EmailText(form) } : [form.SmsMessage];
        if (texts.Any(t => t is not null && PromoCodeReference().IsMatch(t)))
            errors[nameof(CampaignForm.PromoDiscountId)] = ["The message shows {{ promo_code }}: choose the discount whose codes it hands out."];
    }

    /// <summary>Discounts an email or SMS campaign can hand out codes of: code method, enabled, campaign active or scheduled.</summary>
    private static IQueryable<DiscountCampaign> PromoCodeDiscounts(MarketingDbContext db) =>
        db.DiscountCampaigns.Where(d => d.Method == DiscountMethod.Code && d.IsActive
            && db.Campaigns.Any(c => c.Id == d.CampaignId && (c.Status == CampaignStatus.Active || c.Status == CampaignStatus.Scheduled)));

    /// <summary>The choices for <see cref="CampaignForm.PromoDiscountId"/>, by name.</summary>
    public async Task<IReadOnlyList<PromoDiscountOption>> PromoDiscountOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PromoCodeDiscounts(db).AsNoTracking()
            .Join(db.Campaigns, d => d.CampaignId, c => c.Id, (d, c) => new { d.Id, c.Name })
            .OrderBy(o => o.Name)
            .Select(o => new PromoDiscountOption(o.Id, o.Name))
            .ToListAsync(ct);
    }

    /// <summary>The newsletter lists an email campaign can be sent to (an issue), by name, with their subscribed count.</summary>
    public async Task<IReadOnlyList<NewsletterListOption>> NewsletterListOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NewsletterLists.AsNoTracking().OrderBy(l => l.Name)
            .Select(l => new NewsletterListOption(l.Id, l.Name,
                db.NewsletterSubscriptions.Count(s => s.ListId == l.Id && s.Status == NewsletterSubscriptionStatus.Subscribed)))
            .ToListAsync(ct);
    }

    [GeneratedRegex(@"\{[{%][^}]*\bpromo_code\b")]
    private static partial Regex PromoCodeReference();

    /// <summary>The email's text as staff wrote it (raw HTML, or the blocks' JSON), for the promo-code check.</summary>
    private static string? EmailText(CampaignForm form) =>
        form.EmailEditorMode == EmailEditorMode.Blocks ? form.EmailBlocks?.ToJson() : form.EmailContent;

    private void ValidateEmail(CampaignForm form, Dictionary<string, string[]> errors)
    {
        Required(form.EmailSubject, nameof(CampaignForm.EmailSubject), "Write a subject line.", 255, errors);
        Liquid(form.EmailSubject, nameof(CampaignForm.EmailSubject), errors);
        if (!Enum.IsDefined(form.EmailEditorMode))
            errors[nameof(CampaignForm.EmailEditorMode)] = ["The editor mode is html or blocks."];
        else if (form.EmailEditorMode == EmailEditorMode.Blocks)
        {
            // The rendered HTML's Liquid is checked when it is composed (ComposeEmailAsync).
            if (form.EmailBlocks is null) errors[nameof(CampaignForm.EmailBlocks)] = ["Add the email's blocks."];
            else foreach (var (field, messages) in EmailDocumentValidator.Validate(form.EmailBlocks, nameof(CampaignForm.EmailBlocks))) errors[field] = messages;
        }
        else
        {
            Required(form.EmailContent, nameof(CampaignForm.EmailContent), "Write the email's content.", 200_000, errors);
            Liquid(form.EmailContent, nameof(CampaignForm.EmailContent), errors);
        }
        if (form.SenderName is { Length: > 255 }) errors[nameof(CampaignForm.SenderName)] = ["The sender name is limited to 255 characters."];
        if (!string.IsNullOrWhiteSpace(form.SenderEmail) && (form.SenderEmail.Length > 255 || !new EmailAddressAttribute().IsValid(form.SenderEmail.Trim())))
            errors[nameof(CampaignForm.SenderEmail)] = ["Enter a valid sender email address."];
    }

    private void ValidateSms(CampaignForm form, Dictionary<string, string[]> errors)
    {
        Required(form.SmsMessage, nameof(CampaignForm.SmsMessage), "Write the SMS message.", 1600, errors);
        Liquid(form.SmsMessage, nameof(CampaignForm.SmsMessage), errors);
        if (form.SenderName is { Length: > 50 }) errors[nameof(CampaignForm.SenderName)] = ["The SMS sender id is limited to 50 characters."];
    }

    private static void ValidateSocial(CampaignForm form, Dictionary<string, string[]> errors)
    {
        if (form.SocialPlatforms.Count == 0 || form.SocialPlatforms.Any(p => !Enum.IsDefined(p)))
            errors[nameof(CampaignForm.SocialPlatforms)] = ["Choose at least one platform: facebook, instagram, twitter or linkedin."];
        // A post is the same for everyone who sees it: no per-customer Liquid.
        Required(form.SocialContent, nameof(CampaignForm.SocialContent), "Write the post.", 5000, errors);
    }

    private static void Required(string? value, string field, string message, int maxLength, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = [message];
        else if (value.Length > maxLength) errors[field] = [$"Limited to {maxLength:N0} characters."];
    }

    private void Liquid(string? template, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(template) || errors.ContainsKey(field)) return;
        if (renderer.Validate(template) is { Count: > 0 } problems) errors[field] = problems.Select(p => p.ToString()).ToArray();
    }

    private async Task<SaveResult<CampaignDetailView>> InsertAsync(CampaignForm form, string userId, CampaignAction action, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await ValidateAsync(db, form, ct) is { Count: > 0 } errors) return SaveResult<CampaignDetailView>.Invalid(errors);
            var body = await ComposeEmailAsync(form, ct);
            if (body?.Errors is { Count: > 0 } bodyErrors) return SaveResult<CampaignDetailView>.Invalid(bodyErrors);
            var campaign = new Campaign { Name = "", CreatedBy = userId };
            Apply(campaign, form);
            db.Campaigns.Add(campaign);
            AddChannelRows(db, campaign.Id, form, body);
            db.CampaignEvents.Add(Event(campaign.Id, action, null, CampaignStatus.Draft, userId));
            await db.SaveChangesAsync(ct); // one SaveChanges: one transaction, never a campaign without its content
            return SaveResult<CampaignDetailView>.Ok((await GetAsync(campaign.Id, ct))!);
        }
    }

    private static void Apply(Campaign campaign, CampaignForm form)
    {
        campaign.Name = form.Name.Trim();
        campaign.Description = string.IsNullOrWhiteSpace(form.Description) ? null : form.Description.Trim();
        campaign.CampaignType = form.Type;
        campaign.StartDate = form.StartDate is { } start ? ToUtc(start) : null;
        campaign.EndDate = form.EndDate is { } end ? ToUtc(end) : null;
        campaign.TargetAudience = form.Type == CampaignType.Social ? null : form.Audience.ToJson();
        campaign.PromoDiscountId = form.Type is CampaignType.Email or CampaignType.Sms ? form.PromoDiscountId : null;
    }

    /// <summary>The email's stored form (blocks rendered, raw HTML sanitised); null for other channels.</summary>
    private async Task<ComposedEmail?> ComposeEmailAsync(CampaignForm form, CancellationToken ct) =>
        form.Type == CampaignType.Email ? await emailContent.ComposeAsync(form.EmailEditorMode, form.EmailContent, form.EmailBlocks, ct) : null;

    private static void AddChannelRows(MarketingDbContext db, Guid campaignId, CampaignForm form, ComposedEmail? body)
    {
        switch (form.Type)
        {
            case CampaignType.Email:
                db.EmailCampaigns.Add(new EmailCampaign
                {
                    CampaignId = campaignId, Subject = form.EmailSubject!.Trim(), EmailContent = body!.Html,
                    EditorMode = body.Mode, ContentBlocks = body.BlocksJson, Preheader = body.Preheader,
                    SenderName = Blank(form.SenderName), SenderEmail = Blank(form.SenderEmail),
                });
                break;
            case CampaignType.Sms:
                db.SmsCampaigns.Add(new SmsCampaign { CampaignId = campaignId, MessageContent = form.SmsMessage!, SenderName = Blank(form.SenderName) });
                break;
            case CampaignType.Social:
                db.SocialCampaigns.AddRange(form.SocialPlatforms.Distinct()
                    .Select(p => new SocialCampaign { CampaignId = campaignId, Platform = p, PostContent = form.SocialContent!, ScheduledTime = ToUtcOrNull(form.StartDate) }));
                break;
        }
    }

    /// <summary>
    /// Moves the campaign from one of <paramref name="from"/> to <paramref name="to"/> with one conditional UPDATE and
    /// records the event in the same transaction; when no row changed, says why (not found, or the current status).
    /// </summary>
    private async Task<SaveResult<CampaignDetailView>> TransitionAsync(MarketingDbContext db, Guid id, CampaignAction action, string verb,
        CampaignStatus[] from, CampaignStatus to, string userId, System.Linq.Expressions.Expression<Func<Campaign, bool>>? extra, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Read the status inside the transaction only for the history row; the UPDATE's WHERE decides.
        var before = await StatusAsync(db, id, ct);
        var candidates = db.Campaigns.Where(c => c.Id == id && from.Contains(c.Status));
        if (extra is not null) candidates = candidates.Where(extra);
        var changed = await candidates.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, to)
            .SetProperty(c => c.UpdatedAt, now)
            .SetProperty(c => c.Version, Guid.NewGuid()), ct);
        if (changed == 0)
        {
            var current = await StatusAsync(db, id, ct);
            return current is null
                ? SaveResult<CampaignDetailView>.NotFound()
                : SaveResult<CampaignDetailView>.Conflict(current == to
                    ? $"The campaign is already {Name(to)}."
                    : $"{Describe(current.Value)} campaign cannot be {verb}.");
        }
        db.CampaignEvents.Add(Event(id, action, before, to, userId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return SaveResult<CampaignDetailView>.Ok((await GetAsync(id, ct))!);
    }

    private CampaignEvent Event(Guid campaignId, CampaignAction action, CampaignStatus? from, CampaignStatus? to, string? userId) => new()
    {
        CampaignId = campaignId, Action = action, FromStatus = from, ToStatus = to, UserId = userId, At = clock.GetUtcNow().UtcDateTime,
    };

    private static async Task<CampaignStatus?> StatusAsync(MarketingDbContext db, Guid id, CancellationToken ct) =>
        await db.Campaigns.Where(c => c.Id == id).Select(c => (CampaignStatus?)c.Status).SingleOrDefaultAsync(ct);

    private static CampaignAudience AudienceOf(string? json)
    {
        try
        {
            return CampaignAudience.FromJson(json);
        }
        catch (JsonException)
        {
            return CampaignAudience.Empty; // shown as "no audience"; the launcher refuses such a campaign with its own message
        }
    }

    private static string Name(CampaignStatus status) => SnakeCaseEnumConverter<CampaignStatus>.ToDbValue(status);

    /// <summary>"A completed", "An active": the start of every refusal message.</summary>
    private static string Describe(CampaignStatus status)
    {
        var name = Name(status);
        return ("aeiou".Contains(name[0]) ? "An " : "A ") + name;
    }

    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static DateTime? ToUtcOrNull(DateTime? value) => value is { } v ? ToUtc(v) : null;

    private static CampaignEmailView EmailView(string subject, string content, string? senderName, string? senderEmail,
        EmailEditorMode? mode, string? blocksJson, string? preheader)
    {
        var blocks = mode == EmailEditorMode.Blocks ? EmailContentComposer.ReadDocument(blocksJson) : null;
        // A document that no longer reads opens as its rendered HTML: nothing is lost, only the blocks.
        return new(subject, content, senderName, senderEmail, blocks is null ? EmailEditorMode.Html : EmailEditorMode.Blocks, blocks, preheader);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
