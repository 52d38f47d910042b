using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// Turns a batch of tracking events into <c>customer_engagement</c> rows: one query for the batch's deliveries
/// (customer, campaign, send time), the automated-traffic flags, then one bulk insert in one transaction. A newsletter
/// issue's outside subscriber is no customer: their rows carry the delivery and no customer, and still count.
/// </summary>
public sealed class TrackingEventWriter(IDbContextFactory<MarketingDbContext> dbFactory, IOptions<EmailTrackingOptions> options)
{
    public const int MaxAgentLength = 512;
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly EmailTrackingOptions _options = options.Value;

    public async Task WriteAsync(IReadOnlyList<TrackingEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0) return;
        var ids = events.Select(e => e.DeliveryId).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deliveries = await db.CampaignDeliveries.AsNoTracking()
            .Where(d => ids.Contains(d.Id) && d.Channel == DeliveryChannel.Email)
            .Select(d => new { d.Id, CustomerId = (Guid?)d.CustomerId, d.CampaignId, d.SentAt })
            .ToDictionaryAsync(d => d.Id, ct);
        var bursts = ScannerBursts(events);
        var rows = new List<CustomerEngagement>(events.Count);
        foreach (var e in events)
        {
            if (!deliveries.TryGetValue(e.DeliveryId, out var delivery)) continue;
            var reason = e.Kind == TrackingTokenKind.Open
                ? AutomatedTraffic.MachineOpenReason(e.UserAgent, e.At, delivery.SentAt, _options.MachineOpenWindow)
                : AutomatedTraffic.ScannerClickReason(e.UserAgent, e.IsHead, e.At, delivery.SentAt, _options.ScannerClickWindow)
                    ?? (bursts.Contains(e) ? "several links clicked at once" : null);
            rows.Add(new CustomerEngagement
            {
                CustomerId = delivery.CustomerId,
                CampaignId = delivery.CampaignId,
                DeliveryId = e.DeliveryId,
                EngagementType = e.Kind == TrackingTokenKind.Open ? EngagementTypes.EmailOpen : EngagementTypes.EmailClick,
                LinkIndex = e.Kind == TrackingTokenKind.Click ? e.LinkIndex : null,
                EngagementDate = e.At,
                IsAutomated = reason is not null,
                EngagementData = JsonSerializer.Serialize(new EngagementDetails(e.Url, Truncate(e.UserAgent), reason), Json),
            });
        }
        if (rows.Count == 0) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkInsert.InsertAsync(db, rows, null, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Clicks of this batch that belong to a burst: three or more different links of one message clicked within
    /// <see cref="AutomatedTraffic.BurstWindow"/> (a gateway following every link).
    /// </summary>
    private static HashSet<TrackingEvent> ScannerBursts(IReadOnlyList<TrackingEvent> events)
    {
        var burst = new HashSet<TrackingEvent>(ReferenceEqualityComparer.Instance);
        foreach (var clicks in events.Where(e => e.Kind == TrackingTokenKind.Click).GroupBy(e => e.DeliveryId))
        {
            var ordered = clicks.OrderBy(e => e.At).ToList();
            for (var start = 0; start < ordered.Count; start++)
            {
                var end = start;
                while (end + 1 < ordered.Count && ordered[end + 1].At - ordered[start].At <= AutomatedTraffic.BurstWindow) end++;
                var window = ordered.GetRange(start, end - start + 1);
                if (window.Select(e => e.LinkIndex).Distinct().Count() >= 3) burst.UnionWith(window);
            }
        }
        return burst;
    }

    private static string? Truncate(string? value) => value is { Length: > MaxAgentLength } ? value[..MaxAgentLength] : value;

    private sealed record EngagementDetails(
        [property: System.Text.Json.Serialization.JsonPropertyName("url")] string? Url,
        [property: System.Text.Json.Serialization.JsonPropertyName("user_agent")] string? UserAgent,
        [property: System.Text.Json.Serialization.JsonPropertyName("automated")] string? Automated);
}
