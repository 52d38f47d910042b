namespace Allnimall.Marketing.Core.Segments;

public class CustomerSegment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>JSON rule tree (see the segmentation feature).</summary>
    public required string SegmentCriteria { get; set; }
    public int CustomerCount { get; set; }
    public bool IsActive { get; set; } = true;
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
