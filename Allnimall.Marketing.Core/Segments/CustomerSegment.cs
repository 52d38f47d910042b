namespace Allnimall.Marketing.Core.Segments;

public class CustomerSegment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public SegmentType SegmentType { get; set; } = SegmentType.Dynamic;
    /// <summary>JSON rule tree (<see cref="SegmentRule"/>); a static segment stores an empty AND group.</summary>
    public required string SegmentCriteria { get; set; }
    public int CustomerCount { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime? LastRefreshedAt { get; set; }
    /// <summary>
    /// While a refresh runs, the instant its claim expires. Claiming is one conditional UPDATE, so two refreshes of
    /// one segment never overlap, across app instances too; a crashed refresher's claim simply runs out.
    /// </summary>
    public DateTime? RefreshClaimedUntil { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Application-managed concurrency token: two editors cannot silently overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Dynamic segments follow their rule; static ones are a hand-picked or uploaded list.</summary>
public enum SegmentType { Dynamic, Static }
