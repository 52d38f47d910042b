using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;

namespace Allnimall.Marketing.Tests.Unit.Campaigns;

public sealed class CampaignAudienceTests
{
    [Fact]
    public void Round_trips_through_the_stored_snake_case_json()
    {
        var include = Guid.NewGuid();
        var exclude = Guid.NewGuid();
        var json = new CampaignAudience([include], [exclude]).ToJson();

        Assert.Equal($$"""{"include_segments":["{{include}}"],"exclude_segments":["{{exclude}}"]}""", json);
        var read = CampaignAudience.FromJson(json);
        Assert.Equal([include], read.IncludeSegments);
        Assert.Equal([exclude], read.ExcludeSegments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("{}")]
    public void Missing_audience_or_lists_read_as_empty(string? json)
    {
        var audience = CampaignAudience.FromJson(json);
        Assert.Empty(audience.IncludeSegments);
        Assert.Empty(audience.ExcludeSegments);
    }

    [Fact]
    public void Malformed_json_throws() => Assert.ThrowsAny<JsonException>(() => CampaignAudience.FromJson("[1,2]"));
}
