using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Core.Segments;

public sealed record SegmentListItem(Guid Id, string Name, string? Description, SegmentType Type, int CustomerCount,
    DateTime? LastRefreshedAt, bool IsActive, DateTime UpdatedAt, bool Refreshing);

public sealed record SegmentGridQuery : GridQuery
{
    public SegmentType? Type { get; init; }
}

public static class SegmentSortKeys
{
    public const string Name = "name";
    public const string CustomerCount = "customer_count";
    public const string LastRefreshed = "last_refreshed";
    public const string Updated = "updated";

    public static readonly IReadOnlyList<string> All = [Name, CustomerCount, LastRefreshed, Updated];
}

public sealed record SegmentSizePoint(DateTime At, int CustomerCount, int Added, int Removed, int DurationMs, RefreshTrigger Trigger);

public sealed record SegmentDetailView(Guid Id, string Name, string? Description, SegmentType Type, SegmentRule Rule, string Summary,
    int CustomerCount, DateTime? LastRefreshedAt, bool Refreshing, Guid Version, DateTime CreatedAt, DateTime UpdatedAt,
    IReadOnlyList<SegmentSizePoint> History);

public sealed record SegmentMemberRow(Guid CustomerId, string Name, string? Email, string? Phone, string? City, DateTime AddedAt);

public sealed record SegmentPreview(int Count, IReadOnlyList<SegmentMemberRow> Sample, string Summary, int ElapsedMs);

/// <summary>For the rule builder's pickers: what can be chosen, with the names the summary needs.</summary>
public sealed record SegmentPickerOptions(IReadOnlyList<string> Cities, IReadOnlyList<string> Regions, IReadOnlyList<string> Countries,
    IReadOnlyList<NamedOption> Products, IReadOnlyList<NamedOption> Categories, IReadOnlyList<NamedOption> Campaigns);

public sealed record NamedOption(Guid Id, string Name);

/// <summary>Adding customers to a static segment by email or store id: how many matched, and the keys that did not.</summary>
public sealed record StaticMembersResult(int Added, int AlreadyMembers, IReadOnlyList<string> NotFound);
