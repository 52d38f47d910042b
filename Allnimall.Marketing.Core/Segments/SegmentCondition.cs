namespace Allnimall.Marketing.Core.Segments;

/// <summary>
/// One condition. Which of the value slots a condition uses depends on its field (see <see cref="SegmentFieldCatalog"/>):
/// <see cref="Value"/> (and <see cref="Max"/> for <c>between</c>) for numbers, <see cref="Values"/> for lists,
/// <see cref="ReferenceId"/> for a product, category or campaign, <see cref="WithinDays"/> for a time window
/// (null = ever).
/// </summary>
public sealed record SegmentCondition : SegmentRule
{
    public SegmentField Field { get; init; }
    public ConditionOperator Operator { get; init; }
    public decimal? Value { get; init; }
    public decimal? Max { get; init; }
    public IReadOnlyList<string>? Values { get; init; }
    public Guid? ReferenceId { get; init; }
    public int? WithinDays { get; init; }
}
