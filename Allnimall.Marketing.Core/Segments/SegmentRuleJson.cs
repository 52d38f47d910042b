using System.Text.Json;
using System.Text.Json.Serialization;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>How rules are written to <c>segment_criteria</c> and read back: snake_case, enums as snake_case strings.</summary>
public static class SegmentRuleJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static readonly SegmentRuleGroup EmptyRule = new() { Combinator = RuleCombinator.And, Rules = [] };

    public static string Serialize(SegmentRule rule) => JsonSerializer.Serialize(rule, Options);

    public static SegmentRule Deserialize(string json) =>
        JsonSerializer.Deserialize<SegmentRule>(json, Options) ?? throw new JsonException("Empty segment rule.");
}
