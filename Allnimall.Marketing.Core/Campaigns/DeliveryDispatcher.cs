using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Sends queued deliveries of active campaigns in batches. A batch is claimed by one UPDATE that re-checks
/// <c>status = 'queued'</c> and stamps a claim token and a lease, so two dispatchers never claim the same row; the
/// dispatcher then reads back only its own token's rows. Results are written per batch in one transaction.
/// Policy for a crash (at-most-once): rows still 'sending' after their lease were handed over with no recorded answer
/// and become 'unknown' (<see cref="RecoverAsync"/>), never resent automatically.
/// </summary>
public sealed class DeliveryDispatcher(
    IDbContextFactory<MarketingDbContext> dbFactory,
    IChannelTransport transport,
    MessageTemplateRenderer renderer,
    IOptions<DeliveryOptions> options,
    DeliveryPacer pacer,
    TimeProvider clock)
{
    internal const string FrequencyCapReason = "frequency cap";
    internal const string UnknownOutcomeError = "Handed to the transport with no recorded answer (the sender stopped mid-send).";
    private readonly DeliveryOptions settings = options.Value;

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
        var claimed = await ClaimAsync(token, batchSize, ct);
        if (claimed.Count == 0) return new(0, 0, 0, 0, 0);

        var contents = await LoadContentsAsync(claimed.Select(d => d.CampaignId).Distinct().ToList(), ct);
        var outcomes = new List<(ClaimedDelivery Delivery, TransportResult? Result, string? Unknown)>(claimed.Count);
        ClaimedDelivery? inFlight = null;
        try
        {
            foreach (var delivery in claimed)
            {
                ct.ThrowIfCancellationRequested();
                // Paced before the hand-over: a cancel while waiting returns the row to the queue, not to unknown.
                await pacer.WaitTurnAsync(delivery.Channel, ct);
                inFlight = delivery;
                outcomes.Add(await SendOneAsync(delivery, contents, ct));
                inFlight = null;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped mid-batch: answered rows are recorded, the one in the transport's hands is unknown (it may
            // have gone out), and rows never handed over go back to the queue.
            if (inFlight is not null) outcomes.Add((inFlight, null, $"{UnknownOutcomeError} (cancelled mid-send)"));
            await RecordAsync(token, outcomes, CancellationToken.None);
            await ReleaseAsync(token, claimed.Skip(outcomes.Count).Select(d => d.Id).ToList());
            throw;
        }
        return await RecordAsync(token, outcomes, ct) with { Claimed = claimed.Count };
    }

    private async Task<List<ClaimedDelivery>> ClaimAsync(Guid token, int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + settings.ClaimLease;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SkipFrequencyCappedAsync(db, now, ct);
        var due = db.CampaignDeliveries
            .Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now
                && db.Campaigns.Any(c => c.Id == d.CampaignId && c.Status == CampaignStatus.Active))
            .OrderBy(d => d.Id)
            .Take(batchSize)
            .Select(d => d.Id);
        // The outer status check makes the claim safe when another dispatcher picked the same ids first.
        var count = await db.CampaignDeliveries
            .Where(d => due.Contains(d.Id) && d.Status == DeliveryStatus.Queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending)
                .SetProperty(d => d.ClaimToken, token)
                .SetProperty(d => d.ClaimedUntil, until)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        if (count == 0) return [];
        return await (
            from d in db.CampaignDeliveries
            where d.ClaimToken == token && d.Status == DeliveryStatus.Sending
            join c in db.Customers on d.CustomerId equals c.Id
            join campaign in db.Campaigns on d.CampaignId equals campaign.Id
            orderby d.Id
            select new ClaimedDelivery(d.Id, d.CampaignId, d.CustomerId, d.Channel, d.Attempts, campaign.Name,
                new MessageCustomer(c.FirstName, c.LastName, c.Email, c.Phone, c.City, c.Region, c.Country)))
            .AsNoTracking().ToListAsync(ct);
    }

    /// <summary>
    /// One UPDATE before each claim: a due delivery whose customer already got <see cref="DeliveryOptions.FrequencyCapMessages"/>
    /// messages on its channel within the window (sent, or being sent right now) is skipped with the reason.
    /// Deliveries of one customer claimed in the same batch are not counted against each other.
    /// </summary>
    private async Task SkipFrequencyCappedAsync(MarketingDbContext db, DateTime now, CancellationToken ct)
    {
        if (settings.FrequencyCapMessages <= 0) return;
        var since = now.AddDays(-settings.FrequencyCapDays);
        var cap = settings.FrequencyCapMessages;
        await db.CampaignDeliveries
            .Where(d => d.Status == DeliveryStatus.Queued && d.NextAttemptAt <= now
                && db.Campaigns.Any(c => c.Id == d.CampaignId && c.Status == CampaignStatus.Active)
                && db.CampaignDeliveries.Count(o => o.CustomerId == d.CustomerId && o.Channel == d.Channel
                    && ((o.Status == DeliveryStatus.Sent && o.SentAt >= since) || o.Status == DeliveryStatus.Sending)) >= cap)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Skipped)
                .SetProperty(d => d.SkipReason, FrequencyCapReason), ct);
    }

    private async Task<Dictionary<Guid, MessageContent>> LoadContentsAsync(List<Guid> campaignIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var emails = await db.EmailCampaigns.AsNoTracking().Where(e => campaignIds.Contains(e.CampaignId))
            .Select(e => new MessageContent(e.CampaignId, e.Subject, e.EmailContent, e.SenderName, e.SenderEmail)).ToListAsync(ct);
        var sms = await db.SmsCampaigns.AsNoTracking().Where(s => campaignIds.Contains(s.CampaignId))
            .Select(s => new MessageContent(s.CampaignId, null, s.MessageContent, s.SenderName, null)).ToListAsync(ct);
        return emails.Concat(sms).ToDictionary(c => c.CampaignId);
    }

    private async Task<(ClaimedDelivery, TransportResult?, string?)> SendOneAsync(
        ClaimedDelivery delivery, Dictionary<Guid, MessageContent> contents, CancellationToken ct)
    {
        var recipient = delivery.Channel == DeliveryChannel.Email ? delivery.Customer.Email : delivery.Customer.Phone;
        if (string.IsNullOrWhiteSpace(recipient) || !contents.TryGetValue(delivery.CampaignId, out var content))
            return (delivery, new TransportResult.PermanentFailure("No recipient address or no message content."), null);

        OutgoingMessage message;
        try
        {
            var model = new MessageModel(delivery.Customer, new MessageStore(settings.StoreName, settings.StoreUrl, settings.StoreAddress),
                new MessageCampaign(delivery.CampaignName));
            var subject = content.Subject is null ? null : await renderer.RenderAsync(content.Subject, model, MessageFormat.Text, ct);
            var format = delivery.Channel == DeliveryChannel.Email ? MessageFormat.Html : MessageFormat.Text;
            var body = await renderer.RenderAsync(content.Body, model, format, ct);
            message = new(delivery.Id, delivery.Channel, recipient.Trim(), subject, body, content.SenderName, content.SenderAddress);
        }
        catch (TemplateRenderException e)
        {
            return (delivery, new TransportResult.PermanentFailure(e.Message), null);
        }

        try
        {
            return (delivery, await transport.SendAsync(message, ct), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The provider may have taken the message before failing: not safe to retry.
            return (delivery, null, $"{UnknownOutcomeError} {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<DispatchResult> RecordAsync(
        Guid token, List<(ClaimedDelivery Delivery, TransportResult? Result, string? Unknown)> outcomes, CancellationToken ct)
    {
        if (outcomes.Count == 0) return new(0, 0, 0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        int sent = 0, retrying = 0, failed = 0, unknown = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (delivery, result, unknownError) in outcomes)
        {
            var mine = db.CampaignDeliveries.Where(d => d.Id == delivery.Id && d.ClaimToken == token
                && (d.Status == DeliveryStatus.Sending || d.Status == DeliveryStatus.Unknown));
            switch (result)
            {
                case TransportResult.Sent s:
                    sent += await mine.ExecuteUpdateAsync(u => u
                        .SetProperty(d => d.Status, DeliveryStatus.Sent).SetProperty(d => d.SentAt, now)
                        .SetProperty(d => d.ProviderMessageId, Truncate(s.ProviderMessageId, 200))
                        .SetProperty(d => d.LastError, (string?)null).SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
                    db.CustomerEngagement.Add(new CustomerEngagement
                    {
                        CustomerId = delivery.CustomerId, CampaignId = delivery.CampaignId, EngagementDate = now,
                        EngagementType = delivery.Channel == DeliveryChannel.Email ? EngagementTypes.EmailSent : EngagementTypes.SmsSent,
                    });
                    break;
                case TransportResult.TransientFailure f when delivery.Attempts < settings.MaxAttempts:
                    var next = now + RetryDelay(delivery.Attempts);
                    retrying += await mine.ExecuteUpdateAsync(u => u
                        .SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.NextAttemptAt, next)
                        .SetProperty(d => d.LastError, Truncate(f.Error, 1000))
                        .SetProperty(d => d.ClaimedUntil, (DateTime?)null).SetProperty(d => d.ClaimToken, (Guid?)null), ct);
                    break;
                case TransportResult.TransientFailure f:
                    failed += await FailAsync(mine, $"Gave up after {delivery.Attempts} attempts: {f.Error}", ct);
                    break;
                case TransportResult.PermanentFailure f:
                    failed += await FailAsync(mine, f.Error, ct);
                    break;
                default:
                    unknown += await mine.ExecuteUpdateAsync(u => u
                        .SetProperty(d => d.Status, DeliveryStatus.Unknown)
                        .SetProperty(d => d.LastError, Truncate(unknownError ?? UnknownOutcomeError, 1000))
                        .SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
                    break;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(outcomes.Count, sent, retrying, failed, unknown);
    }

    private static Task<int> FailAsync(IQueryable<CampaignDelivery> mine, string error, CancellationToken ct) =>
        mine.ExecuteUpdateAsync(u => u
            .SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.LastError, Truncate(error, 1000))
            .SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);

    private async Task ReleaseAsync(Guid token, List<Guid> ids)
    {
        if (ids.Count == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.CampaignDeliveries
            .Where(d => ids.Contains(d.Id) && d.ClaimToken == token && d.Status == DeliveryStatus.Sending)
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, DeliveryStatus.Queued).SetProperty(d => d.Attempts, d => d.Attempts - 1)
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null).SetProperty(d => d.ClaimToken, (Guid?)null));
    }

    /// <summary>Exponential backoff with jitter: base × 2^(attempt−1), capped, then a random 50–100 % of it.</summary>
    internal TimeSpan RetryDelay(int attempt)
    {
        var exponential = settings.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private sealed record ClaimedDelivery(
        Guid Id, Guid CampaignId, Guid CustomerId, DeliveryChannel Channel, int Attempts, string CampaignName, MessageCustomer Customer);

    private sealed record MessageContent(Guid CampaignId, string? Subject, string Body, string? SenderName, string? SenderAddress);
}
