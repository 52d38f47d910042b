using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Sends queued deliveries of active campaigns in batches. A batch is claimed by one UPDATE that stamps a claim token
/// and a lease on queued rows whose lease is free, so two dispatchers never claim the same row; the dispatcher then
/// reads back only its own token's rows. Within the claim, customers who may no longer be messaged
/// (<see cref="DeliverySuppression"/>) or who hit the frequency cap are skipped with the reason, set-based. Right before
/// the transport gets a message (or a batch of them), its row moves to 'sending' — only while still claimed and the
/// campaign still active, so a pause takes effect at the next hand-over. Results are written per batch in one
/// transaction: one UPDATE per outcome kind, plus the customer_engagement rows; claimed rows never handed over go back.
/// Policy for a crash (exactly once up to the hand-over, at most once after it): a claimed row not yet 'sending' is
/// claimed again when its lease runs out and sent once; a 'sending' row past its lease was handed over with no recorded
/// answer and becomes 'unknown' (<see cref="RecoverAsync"/>), never resent automatically.
/// </summary>
public sealed class DeliveryDispatcher(
    IDbContextFactory<MarketingDbContext> dbFactory,
    IChannelTransport transport,
    MessageTemplateRenderer renderer,
    IOptionsMonitor<DeliveryOptions> options,
    DeliveryPacer pacer,
    TimeProvider clock,
    Email.Content.EmailHtmlSanitizer? sanitizer = null, Email.Bounces.BounceProcessor? bounces = null)
{
    internal const string FrequencyCapReason = "frequency cap";
    internal const string UnknownOutcomeError = "Handed to the transport with no recorded answer (the sender stopped mid-send).";
    private readonly DeliveryOptions settings = options.CurrentValue;

    /// <summary>Marks deliveries whose claim lease expired as <see cref="DeliveryStatus.Unknown"/>; run at start.</summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CampaignDeliveries
            .Where(d => d.Status == DeliveryStatus.Sending && d.ClaimedUntil < now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Unknown)
                .SetProperty(d => d.LastError, UnknownOutcomeError)
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
    }

    /// <summary>Claims up to <paramref name="batchSize"/> due deliveries, sends them and records the results.</summary>
    public async Task<DispatchResult> RunOnceAsync(int batchSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var token = Guid.NewGuid();
        var (claimed, skipped) = await ClaimAsync(token, batchSize, ct);
        if (claimed.Count == 0) return new(skipped, 0, 0, 0, 0, skipped);

        var contents = await LoadContentsAsync(claimed, ct);
        var outcomes = new List<Outcome>(claimed.Count);
        var inFlight = new List<ClaimedDelivery>();
        try
        {
            foreach (var channel in claimed.GroupBy(d => d.Channel))
            {
                // A batch-capable transport gets an unpaced channel in one hand-over, a paced one in groups of its
                // rate's share of DeliveryPacer.BurstWindow; a slow rate (a group of 1) or another transport, one by one.
                var group = pacer.GroupSize(channel.Key);
                if (transport is IBatchChannelTransport batchTransport && group > 1)
                {
                    var deliveries = channel.ToList();
                    foreach (var part in deliveries.Chunk(group))
                        await SendBatchAsync(token, batchTransport, [.. part], wholeChannel: part.Length == deliveries.Count, contents, outcomes, inFlight, ct);
                }
                else
                {
                    await SendEachAsync(token, channel.ToList(), contents, outcomes, inFlight, ct);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped mid-batch: answered rows are recorded, those in the transport's hands are unknown (they may
            // have gone out), and rows never handed over go back to the queue.
            outcomes.AddRange(inFlight.Select(d => new Outcome(d, null, $"{UnknownOutcomeError} (cancelled mid-send)", HandedOver: true)));
            await RecordAsync(token, outcomes, CancellationToken.None);
            await ReleaseAsync(token);
            throw;
        }
        var result = await RecordAsync(token, outcomes, ct);
        await ReleaseAsync(token); // claimed but not handed over: the campaign was paused or ended meanwhile
        return result with { Claimed = claimed.Count + skipped, Skipped = skipped };
    }

    private async Task SendEachAsync(Guid token, List<ClaimedDelivery> deliveries, Dictionary<Guid, MessageContent> contents,
        List<Outcome> outcomes, List<ClaimedDelivery> inFlight, CancellationToken ct)
    {
        foreach (var delivery in deliveries)
        {
            ct.ThrowIfCancellationRequested();
            if (Held(delivery) is { } held)
            {
                outcomes.Add(held);
                continue;
            }
            var (message, failure) = await RenderAsync(delivery, contents, ct);
            if (failure is not null)
            {
                outcomes.Add(failure);
                continue;
            }
            // Paced before the hand-over: a cancel while waiting returns the row to the queue, not to unknown.
            await pacer.WaitTurnAsync(delivery.Channel, ct);
            if ((await MarkHandedOverAsync(token, [delivery.Id])).Count == 0) continue; // paused or ended meanwhile
            inFlight.Add(delivery);
            Outcome outcome;
            try
            {
                outcome = new(delivery, await transport.SendAsync(message!, ct), null, HandedOver: true);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The provider may have taken the message before failing: not safe to retry.
                outcome = new(delivery, null, $"{UnknownOutcomeError} {e.GetType().Name}: {e.Message}", HandedOver: true);
            }
            inFlight.Clear();
            HoldIfThrottled(delivery.Channel, outcome.Result);
            outcomes.Add(outcome);
        }
    }

    /// <summary>
    /// Renders <paramref name="deliveries"/>, waits for their turn when the channel is paced, marks them handed over in
    /// one UPDATE and gives them to the transport in one call. <paramref name="wholeChannel"/>: they are all the claimed
    /// rows of their channel, so the UPDATE need not list them.
    /// </summary>
    private async Task SendBatchAsync(Guid token, IBatchChannelTransport batchTransport, List<ClaimedDelivery> deliveries, bool wholeChannel,
        Dictionary<Guid, MessageContent> contents, List<Outcome> outcomes, List<ClaimedDelivery> inFlight, CancellationToken ct)
    {
        var ready = new List<(ClaimedDelivery Delivery, OutgoingMessage Message)>(deliveries.Count);
        foreach (var delivery in deliveries)
        {
            if (Held(delivery) is { } held)
            {
                outcomes.Add(held);
                continue;
            }
            var (message, failure) = await RenderAsync(delivery, contents, ct);
            if (failure is not null) outcomes.Add(failure);
            else ready.Add((delivery, message!));
        }
        if (ready.Count == 0) return;
        // Paced before the hand-over: a cancel while waiting returns the rows to the queue, not to unknown.
        await pacer.WaitTurnAsync(deliveries[0].Channel, ready.Count, ct);
        ct.ThrowIfCancellationRequested();
        var readyIds = ready.Select(r => r.Delivery.Id).ToList();
        var marked = wholeChannel
            ? await MarkHandedOverAsync(token, deliveries[0].Channel, readyIds, deliveries.Select(d => d.Id).Except(readyIds).ToList())
            : await MarkHandedOverAsync(token, readyIds);
        ready = ready.Where(r => marked.Contains(r.Delivery.Id)).ToList();
        if (ready.Count == 0) return;
        inFlight.AddRange(ready.Select(r => r.Delivery));
        IReadOnlyList<TransportResult> results;
        try
        {
            results = await batchTransport.SendBatchAsync(ready.Select(r => r.Message).ToList(), ct);
            if (results.Count != ready.Count)
                throw new InvalidOperationException($"The transport answered {results.Count} of {ready.Count} messages.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            inFlight.Clear();
            outcomes.AddRange(ready.Select(r => new Outcome(r.Delivery, null, $"{UnknownOutcomeError} {e.GetType().Name}: {e.Message}", HandedOver: true)));
            return;
        }
        inFlight.Clear();
        for (var i = 0; i < ready.Count; i++)
        {
            HoldIfThrottled(ready[i].Delivery.Channel, results[i]);
            outcomes.Add(results[i] is TransportResult.Unknown unknown
                ? new(ready[i].Delivery, null, $"{UnknownOutcomeError} {unknown.Error}", HandedOver: true)
                : new(ready[i].Delivery, results[i], null, HandedOver: true));
        }
    }

    /// <summary>
    /// The hand-over point: claimed rows become 'sending' with one more attempt, in one UPDATE, only while this token
    /// still holds them and their campaign is active. From here on a crash leaves them unknown. Not cancellable: once the
    /// rows are marked, the caller must hand them over or record them.
    /// </summary>
    private async Task<HashSet<Guid>> MarkHandedOverAsync(Guid token, List<Guid> ids)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var marked = await db.CampaignDeliveries
            .Where(d => d.ClaimToken == token && ids.Contains(d.Id) && d.Status == DeliveryStatus.Queued
                && db.Campaigns.Any(c => c.Id == d.CampaignId && c.Status == CampaignStatus.Active))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1));
        if (marked == ids.Count) return [.. ids];
        return [.. await db.CampaignDeliveries
            .Where(d => d.ClaimToken == token && ids.Contains(d.Id) && d.Status == DeliveryStatus.Sending)
            .Select(d => d.Id).ToListAsync()];
    }

    /// <summary>
    /// <see cref="MarkHandedOverAsync(Guid, List{Guid})"/> for a whole channel of the batch at once: the claimed rows of
    /// the channel except <paramref name="notReady"/> (usually none), so the statement does not carry every id.
    /// </summary>
    private async Task<HashSet<Guid>> MarkHandedOverAsync(Guid token, DeliveryChannel channel, List<Guid> ready, List<Guid> notReady)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var marked = await db.CampaignDeliveries
            .Where(d => d.ClaimToken == token && d.Channel == channel && d.Status == DeliveryStatus.Queued && !notReady.Contains(d.Id)
                && db.Campaigns.Any(c => c.Id == d.CampaignId && c.Status == CampaignStatus.Active))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1));
        if (marked == ready.Count) return [.. ready];
        return [.. await db.CampaignDeliveries
            .Where(d => d.ClaimToken == token && d.Channel == channel && d.Status == DeliveryStatus.Sending)
            .Select(d => d.Id).ToListAsync()];
    }

    /// <summary>A throttling provider holds its channel: the rest of its batch waits in the queue, not in this process.</summary>
    private Outcome? Held(ClaimedDelivery delivery) => pacer.HeldUntil(delivery.Channel) is { } until
        ? new(delivery, new TransportResult.Throttled(until - clock.GetUtcNow(), "The provider asked us to slow down."), null, HandedOver: false)
        : null;

    private void HoldIfThrottled(DeliveryChannel channel, TransportResult? result)
    {
        if (result is TransportResult.Throttled throttled) pacer.Hold(channel, clock.GetUtcNow() + throttled.RetryAfter);
    }

    private async Task<(List<ClaimedDelivery> Claimed, int Skipped)> ClaimAsync(Guid token, int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + settings.ClaimLease;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = db.CampaignDeliveries
            .Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now)
                && db.Campaigns.Any(c => c.Id == d.CampaignId && c.Status == CampaignStatus.Active))
            // Oldest due first, straight off the (status, next_attempt_at) index: no sort of the whole queue per batch.
            .OrderBy(d => d.NextAttemptAt)
            .Take(batchSize)
            .Select(d => d.Id);
        // On SQL Server the outer check makes the claim safe when another dispatcher picked the same ids first.
        // SQLite runs the whole UPDATE, subquery included, under its single write lock, so the check is not needed
        // there, and without statistics its planner would walk every queued row through the status index for it.
        var claim = db.CampaignDeliveries.Where(d => due.Contains(d.Id));
        if (!db.Database.IsSqlite())
            claim = claim.Where(d => d.Status == DeliveryStatus.Queued && (d.ClaimedUntil == null || d.ClaimedUntil < now));
        var count = await claim
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.ClaimToken, token)
                .SetProperty(d => d.ClaimedUntil, until), ct);
        if (count == 0) return ([], 0);

        var skipped = await SkipAsync(db, token, now, ct);
        if (skipped == count) return ([], skipped);
        var rows = await (
            from d in db.CampaignDeliveries
            where d.ClaimToken == token && d.Status == DeliveryStatus.Queued
            join campaign in db.Campaigns on d.CampaignId equals campaign.Id
            from c in db.Customers.Where(c => c.Id == d.CustomerId).DefaultIfEmpty()
            from post in db.SocialCampaigns.Where(p => p.Id == d.SocialCampaignId).DefaultIfEmpty()
            // A newsletter issue goes to the subscribed address (an outside subscriber has no customer row).
            from subscriber in db.NewsletterSubscriptions.Where(s => s.Id == d.NewsletterSubscriptionId).DefaultIfEmpty()
            // The delivery's own promo code (handed out at launch) comes with its customer: no query per message.
            from promo in db.PromoCodes.Where(p => p.CampaignDeliveryId == d.Id).DefaultIfEmpty()
            orderby d.Id
            select new
            {
                d.Id, d.CampaignId, d.CustomerId, d.SocialCampaignId, d.Channel, d.Attempts, CampaignName = campaign.Name,
                FirstName = c.FirstName ?? subscriber.Name, c.LastName, Email = subscriber.Email ?? c.Email, c.Phone, c.City, c.Region, c.Country,
                Platform = (SocialPlatform?)post.Platform,
                PromoCode = promo.Code,
            })
            .AsNoTracking().ToListAsync(ct);
        var claimed = rows.Select(r => new ClaimedDelivery(r.Id, r.CampaignId, r.CustomerId, r.SocialCampaignId, r.Channel, r.Attempts,
            r.CampaignName, new MessageCustomer(r.FirstName, r.LastName, r.Email, r.Phone, r.City, r.Region, r.Country),
            r.Platform is { } platform ? SnakeCaseEnumConverter<SocialPlatform>.ToDbValue(platform) : null, r.PromoCode)).ToList();
        return (claimed, skipped);
    }

    /// <summary>
    /// Within this claim, one UPDATE skips the deliveries whose customer may no longer be messaged on the channel, and a
    /// second one those whose customer already got <see cref="DeliveryOptions.FrequencyCapMessages"/> messages on the
    /// channel within the window (sent, or being sent by another batch); their engagement rows are written with them.
    /// Deliveries of one customer claimed in the same batch are not counted against each other.
    /// </summary>
    private async Task<int> SkipAsync(MarketingDbContext db, Guid token, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var mine = db.CampaignDeliveries.Where(d => d.ClaimToken == token && d.Status == DeliveryStatus.Queued);
        var skipped = await mine.Where(DeliverySuppression.IsSuppressed(db))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Skipped)
                .SetProperty(d => d.SkipReason, DeliverySuppression.Reason(db))
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
        if (settings.FrequencyCapMessages > 0)
        {
            var since = now.AddDays(-settings.FrequencyCapDays);
            var cap = settings.FrequencyCapMessages;
            skipped += await mine
                .Where(d => d.CustomerId != null && db.CampaignDeliveries.Count(o => o.CustomerId == d.CustomerId && o.Channel == d.Channel
                    && ((o.Status == DeliveryStatus.Sent && o.SentAt >= since) || (o.Status == DeliveryStatus.Sending && o.ClaimToken != token))) >= cap)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, DeliveryStatus.Skipped)
                    .SetProperty(d => d.SkipReason, FrequencyCapReason)
                    .SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
        }
        if (skipped > 0)
            await DeliveryEngagement.WriteAsync(db, db.CampaignDeliveries.Where(d => d.ClaimToken == token && d.Status == DeliveryStatus.Skipped), now, ct);
        await transaction.CommitAsync(ct);
        return skipped;
    }

    private async Task<Dictionary<Guid, MessageContent>> LoadContentsAsync(List<ClaimedDelivery> claimed, CancellationToken ct)
    {
        var campaignIds = claimed.Where(d => d.SocialCampaignId is null).Select(d => d.CampaignId).Distinct().ToList();
        var postIds = claimed.Where(d => d.SocialCampaignId is not null).Select(d => d.SocialCampaignId!.Value).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var emails = (await db.EmailCampaigns.AsNoTracking().Where(e => campaignIds.Contains(e.CampaignId))
            .Select(e => new { e.CampaignId, e.Subject, e.EmailContent, e.SenderName, e.SenderEmail, e.EditorMode }).ToListAsync(ct))
            // Raw HTML (and HTML saved before the editor existed, mode null) is sanitised again before it is sent, once
            // per campaign and batch, not per recipient: HTML written to the table directly cannot carry script either.
            // Rendered blocks are our own output and were made from sanitised parts.
            .Select(e => new MessageContent(e.CampaignId, e.Subject,
                e.EditorMode != Email.Content.EmailEditorMode.Blocks && sanitizer is not null ? sanitizer.SanitizeEmail(e.EmailContent) : e.EmailContent,
                e.SenderName, e.SenderEmail)).ToList();
        var sms = await db.SmsCampaigns.AsNoTracking().Where(s => campaignIds.Contains(s.CampaignId))
            .Select(s => new MessageContent(s.CampaignId, null, s.MessageContent, s.SenderName, null)).ToListAsync(ct);
        // Posts are keyed by their own id: one campaign has one post per platform.
        var posts = postIds.Count == 0 ? [] : await db.SocialCampaigns.AsNoTracking().Where(p => postIds.Contains(p.Id))
            .Select(p => new MessageContent(p.Id, null, p.PostContent, null, null)).ToListAsync(ct);
        return emails.Concat(sms).Concat(posts).ToDictionary(c => c.Key);
    }

    /// <summary>The rendered message, or a permanent failure when there is no address or the template fails.</summary>
    private async Task<(OutgoingMessage? Message, Outcome? Failure)> RenderAsync(
        ClaimedDelivery delivery, Dictionary<Guid, MessageContent> contents, CancellationToken ct)
    {
        var recipient = delivery.Channel switch
        {
            DeliveryChannel.Email => delivery.Customer.Email,
            DeliveryChannel.Sms => delivery.Customer.Phone,
            _ => delivery.Platform,
        };
        if (string.IsNullOrWhiteSpace(recipient) || !contents.TryGetValue(delivery.SocialCampaignId ?? delivery.CampaignId, out var content))
            return (null, new(delivery, new TransportResult.PermanentFailure("No recipient address or no message content."), null, HandedOver: false));
        try
        {
            var model = new MessageModel(delivery.Customer, new MessageStore(settings.StoreName, settings.StoreUrl, settings.StoreAddress),
                new MessageCampaign(delivery.CampaignName), delivery.PromoCode);
            var subject = content.Subject is null ? null : await renderer.RenderAsync(content.Subject, model, MessageFormat.Text, ct);
            var format = delivery.Channel == DeliveryChannel.Email ? MessageFormat.Html : MessageFormat.Text;
            var body = await renderer.RenderAsync(content.Body, model, format, ct);
            return (new(delivery.Id, delivery.Channel, recipient.Trim(), subject, body, content.SenderName, content.SenderAddress), null);
        }
        catch (TemplateRenderException e)
        {
            return (null, new(delivery, new TransportResult.PermanentFailure(e.Message), null, HandedOver: false));
        }
    }

    /// <summary>One transaction per batch: one UPDATE per outcome kind (values per row as CASE), then the engagement rows.</summary>
    private async Task<DispatchResult> RecordAsync(Guid token, List<Outcome> outcomes, CancellationToken ct)
    {
        if (outcomes.Count == 0) return new(0, 0, 0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        List<Outcome> Of(bool handedOver, Func<Outcome, bool> kind) => outcomes.Where(o => o.HandedOver == handedOver && kind(o)).ToList();
        var sent = Of(true, o => o.Result is TransportResult.Sent);
        var retrying = Of(true, o => o.Result is TransportResult.TransientFailure && o.Attempt < settings.MaxAttempts);
        var throttled = Of(true, o => o.Result is TransportResult.Throttled);
        var failed = Of(true, o => o.Result is TransportResult.PermanentFailure
            || (o.Result is TransportResult.TransientFailure && o.Attempt >= settings.MaxAttempts));
        var unknown = Of(true, o => o.Result is null);
        var held = Of(false, o => o.Result is TransportResult.Throttled);
        var notSendable = Of(false, o => o.Result is TransportResult.PermanentFailure);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var update = new DeliveryBatchUpdate(db, token);
        static List<Guid> Ids(List<Outcome> rows) => rows.Select(o => o.Delivery.Id).ToList();
        static DeliveryBatchUpdate.Set Null(string property) => new(property);
        static DeliveryBatchUpdate.Set PerRow(string property, Func<int, object?> value) => new(property, PerRow: value);
        DeliveryBatchUpdate.Set Error(List<Outcome> rows, Func<Outcome, string> text) =>
            PerRow(nameof(CampaignDelivery.LastError), i => Truncate(text(rows[i]), 1000));
        DeliveryBatchUpdate.Set RetryAt(List<Outcome> rows) => PerRow(nameof(CampaignDelivery.NextAttemptAt), i => rows[i].Result switch
        {
            // Throttled: no earlier than the provider asked; otherwise exponential backoff.
            TransportResult.Throttled t => now + Max(t.RetryAfter, TimeSpan.Zero),
            _ => now + RetryDelay(rows[i].Attempt),
        });
        DeliveryBatchUpdate.Set[] BackToQueue(List<Outcome> rows) => [new(nameof(CampaignDelivery.Status), DeliveryStatus.Queued), RetryAt(rows),
            Error(rows, o => o.Result is TransportResult.Throttled t ? t.Error : ((TransportResult.TransientFailure)o.Result!).Error),
            Null(nameof(CampaignDelivery.ClaimedUntil)), Null(nameof(CampaignDelivery.ClaimToken))];

        var sentCount = await update.ExecuteAsync(Ids(sent), [
            new(nameof(CampaignDelivery.Status), DeliveryStatus.Sent), new(nameof(CampaignDelivery.SentAt), now),
            PerRow(nameof(CampaignDelivery.ProviderMessageId), i => Truncate(((TransportResult.Sent)sent[i].Result!).ProviderMessageId, 200)),
            Null(nameof(CampaignDelivery.LastError)), Null(nameof(CampaignDelivery.ClaimedUntil))], handedOver: true, releaseAttempt: false, ct);
        var retryCount = await update.ExecuteAsync(Ids(retrying), BackToQueue(retrying), handedOver: true, releaseAttempt: false, ct);
        // A throttled hand-over is not a failure: the attempt is given back.
        var deferredCount = await update.ExecuteAsync(Ids(throttled), BackToQueue(throttled), handedOver: true, releaseAttempt: true, ct)
            + await update.ExecuteAsync(Ids(held), BackToQueue(held), handedOver: false, releaseAttempt: false, ct);
        var failedCount = await update.ExecuteAsync(Ids(failed), [
            new(nameof(CampaignDelivery.Status), DeliveryStatus.Failed), Error(failed, FailureText),
            Null(nameof(CampaignDelivery.ClaimedUntil))], handedOver: true, releaseAttempt: false, ct)
            + await update.ExecuteAsync(Ids(notSendable), [
            new(nameof(CampaignDelivery.Status), DeliveryStatus.Failed), Error(notSendable, FailureText),
            Null(nameof(CampaignDelivery.ClaimedUntil))], handedOver: false, releaseAttempt: false, ct);
        var unknownCount = await update.ExecuteAsync(Ids(unknown), [
            new(nameof(CampaignDelivery.Status), DeliveryStatus.Unknown), Error(unknown, o => o.UnknownError ?? UnknownOutcomeError),
            Null(nameof(CampaignDelivery.ClaimedUntil))], handedOver: true, releaseAttempt: false, ct);
        if (sentCount + failedCount > 0)
            await DeliveryEngagement.WriteAsync(db, db.CampaignDeliveries.Where(d => d.ClaimToken == token
                && (d.Status == DeliveryStatus.Sent || d.Status == DeliveryStatus.Failed)), now, ct);
        await transaction.CommitAsync(ct);
        // RELIABILITY T4: an email whose retries ran out on a 4xx reply about the mailbox ("452 4.2.2 mailbox full") is
        // a soft bounce, counted toward suppression like one read from the bounce mailbox; a relay outage is not.
        var softBounced = failed.Where(o => o.Delivery.Channel == DeliveryChannel.Email && o.Result is TransportResult.TransientFailure f
            && Email.Bounces.BounceProcessor.IsSoftBounceReply(f.Error)).Select(o => o.Delivery.Id).ToList();
        if (bounces is not null && softBounced.Count > 0) await bounces.RecordExhaustedSoftBouncesAsync(softBounced, ct);
        return new(outcomes.Count, sentCount, retryCount, failedCount, unknownCount, 0, deferredCount);
    }

    private string FailureText(Outcome outcome) => outcome.Result switch
    {
        TransportResult.TransientFailure f => $"Gave up after {outcome.Attempt} attempts: {f.Error}",
        TransportResult.PermanentFailure f => f.Error,
        _ => UnknownOutcomeError,
    };

    /// <summary>Claimed rows this batch did not hand over (and gave no outcome) go back to the queue at once.</summary>
    private async Task ReleaseAsync(Guid token)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.CampaignDeliveries
            .Where(d => d.ClaimToken == token && d.Status == DeliveryStatus.Queued)
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null).SetProperty(d => d.ClaimToken, (Guid?)null));
    }

    /// <summary>Exponential backoff with jitter: base × 2^(attempt−1), capped, then a random 50–100 % of it.</summary>
    internal TimeSpan RetryDelay(int attempt)
    {
        var exponential = settings.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private sealed record ClaimedDelivery(Guid Id, Guid CampaignId, Guid? CustomerId, Guid? SocialCampaignId, DeliveryChannel Channel,
        int Attempts, string CampaignName, MessageCustomer Customer, string? Platform, string? PromoCode);

    /// <summary>
    /// <see cref="Result"/> null: handed over with no answer (<see cref="UnknownError"/> says why). Not
    /// <see cref="HandedOver"/>: decided before the transport saw it (held channel, nothing to send).
    /// </summary>
    private sealed record Outcome(ClaimedDelivery Delivery, TransportResult? Result, string? UnknownError, bool HandedOver)
    {
        /// <summary>The attempt this outcome belongs to (the row's count was raised at the hand-over).</summary>
        public int Attempt => Delivery.Attempts + (HandedOver ? 1 : 0);
    }

    /// <summary>Keyed by campaign id for email and SMS, by the post's id for social.</summary>
    private sealed record MessageContent(Guid Key, string? Subject, string Body, string? SenderName, string? SenderAddress);
}
