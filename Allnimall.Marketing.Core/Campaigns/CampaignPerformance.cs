namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>A daily rollup of one metric of one campaign; dashboards read these, not raw events.</summary>
public class CampaignPerformance
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public required string MetricName { get; set; }
    public decimal MetricValue { get; set; }
    public DateOnly MetricDate { get; set; }
    public DateTime CreatedAt { get; set; }
}
