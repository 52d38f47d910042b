using System.Text.Json;
using System.Text.Json.Serialization;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// A campaign's <see cref="Campaign.TargetAudience"/>: members of any include segment, minus members of any exclude
/// segment. Stored as <c>{"include_segments":[…],"exclude_segments":[…]}</c>. An email campaign may instead go to a
/// newsletter list (<see cref="NewsletterListId"/>, <c>"newsletter_list_id"</c>): a newsletter issue, sent to the list's
/// subscribed addresses; its segments are then empty.
/// </summary>
public sealed record CampaignAudience(
    [property: JsonPropertyName("include_segments")] IReadOnlyList<Guid> IncludeSegments,
    [property: JsonPropertyName("exclude_segments")] IReadOnlyList<Guid> ExcludeSegments,
    [property: JsonPropertyName("newsletter_list_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? NewsletterListId = null)
{
    public static readonly CampaignAudience Empty = new([], []);

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads the stored JSON; null or blank is the empty audience, a malformed value throws <see cref="JsonException"/>.</summary>
    public static CampaignAudience FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return Empty;
        var audience = JsonSerializer.Deserialize<CampaignAudience>(json) ?? Empty;
        // A missing list reads as null through the constructor; treat it as empty.
        return new(audience.IncludeSegments ?? [], audience.ExcludeSegments ?? [], audience.NewsletterListId);
    }
}
