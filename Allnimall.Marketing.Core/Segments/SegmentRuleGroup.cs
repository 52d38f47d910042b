namespace Allnimall.Marketing.Core.Segments;

public sealed record SegmentRuleGroup : SegmentRule
{
    public RuleCombinator Combinator { get; init; } = RuleCombinator.And;
    public IReadOnlyList<SegmentRule> Rules { get; init; } = [];
}

public enum RuleCombinator { And, Or }
