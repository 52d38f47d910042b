namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// How far a campaign's sending has come. Handled means a delivery reached an end state (sent, failed, unknown or
/// skipped); queued and sending ones are still to go.
/// </summary>
public sealed record CampaignProgress(Guid Id, CampaignStatus Status, IReadOnlyList<DeliveryStatusCount> Deliveries)
{
    public int Total => Deliveries.Sum(d => d.Count);

    public int Pending => Count(DeliveryStatus.Queued) + Count(DeliveryStatus.Sending);

    public int Handled => Total - Pending;

    /// <summary>Whole percent, rounded down: 100 only when every delivery is handled; 0 when there are none.</summary>
    public int Percent => Total == 0 ? 0 : (int)(Handled * 100L / Total);

    /// <summary>True while the dispatcher still has work for an active campaign.</summary>
    public bool IsSending => Status == CampaignStatus.Active && Pending > 0;

    public int Count(DeliveryStatus status) => Deliveries.FirstOrDefault(d => d.Status == status)?.Count ?? 0;
}
