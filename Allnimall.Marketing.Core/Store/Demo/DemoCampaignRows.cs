using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Tracking;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>
/// Everything the demo campaigns write: the campaigns, their channel rows, daily results and engagement, and for the
/// discount campaigns their promo codes and redemptions.
/// </summary>
internal sealed record DemoCampaignRows(
    List<Campaign> Campaigns, List<EmailCampaign> Emails, List<SmsCampaign> Sms, List<SocialCampaign> Social,
    List<DiscountCampaign> Discounts, List<CampaignPerformance> Performance, List<CustomerEngagement> Engagement,
    List<PromoCode> PromoCodes, List<DiscountRedemption> Redemptions)
{
    public static DemoCampaignRows Empty() => new([], [], [], [], [], [], [], [], []);
}
