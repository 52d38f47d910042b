namespace Allnimall.Marketing.Core.Segments;

/// <summary>A problem with one node of a rule; <see cref="Path"/> locates it, e.g. <c>rules[1].rules[0]</c>.</summary>
public sealed record SegmentRuleError(string Path, string Message);
