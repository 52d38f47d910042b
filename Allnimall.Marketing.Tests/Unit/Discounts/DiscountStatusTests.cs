using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Discounts;

namespace Allnimall.Marketing.Tests.Unit.Discounts;

/// <summary>What the discount pages say about a discount, from its switch, its campaign's status and its window.</summary>
public sealed class DiscountStatusTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(true, CampaignStatus.Active, -1, 1, DiscountStatus.Active)]
    [InlineData(true, CampaignStatus.Scheduled, 1, 2, DiscountStatus.Scheduled)]
    [InlineData(true, CampaignStatus.Active, -2, -1, DiscountStatus.Expired)]
    [InlineData(true, CampaignStatus.Completed, -2, -1, DiscountStatus.Expired)] // ran its window to the end: not cancelled
    [InlineData(true, CampaignStatus.Cancelled, -1, 1, DiscountStatus.Cancelled)]
    [InlineData(true, CampaignStatus.Paused, -1, 1, DiscountStatus.Disabled)]
    [InlineData(false, CampaignStatus.Active, -1, 1, DiscountStatus.Disabled)]
    public void Status_follows_the_switch_the_campaign_and_the_window(bool isActive, CampaignStatus campaign, int startDays, int endDays, DiscountStatus expected) =>
        Assert.Equal(expected, DiscountService.StatusOf(isActive, campaign, Now.AddDays(startDays), Now.AddDays(endDays), Now));
}
