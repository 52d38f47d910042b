using System.Text.Json.Serialization;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>
/// A segment's rule: a tree of groups (AND / OR, nestable) whose leaves are conditions. Stored as JSON in
/// <c>customer_segments.segment_criteria</c> and compiled by <see cref="SegmentQueryBuilder"/> into one SQL query.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SegmentRuleGroup), "group")]
[JsonDerivedType(typeof(SegmentCondition), "condition")]
public abstract record SegmentRule;
