namespace Allnimall.Marketing.Core.Segments;

/// <summary>One recalculation of a segment: its size and cost, so the segment page can chart size over time.</summary>
public class SegmentRefresh
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SegmentId { get; set; }
    public DateTime RefreshedAt { get; set; }
    public int CustomerCount { get; set; }
    public int Added { get; set; }
    public int Removed { get; set; }
    public int DurationMs { get; set; }
    public RefreshTrigger Trigger { get; set; }
}

public enum RefreshTrigger { Manual, Scheduled, Saved }
