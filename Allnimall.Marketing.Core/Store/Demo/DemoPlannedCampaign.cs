using Allnimall.Marketing.Core.Campaigns;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>Who a demo campaign reached.</summary>
internal enum DemoAudience { EmailSubscribers, SmsSubscribers, LapsedEmailSubscribers, Everyone, Nobody }

/// <summary>
/// A campaign of the demo store's past (or present). It is planned before the orders are generated, because its
/// promo code and the extra orders it caused are part of the order history, whether or not the campaign rows are
/// written (they need an admin user as their creator).
/// </summary>
internal sealed record DemoPlannedCampaign(
    string Name, string Description, CampaignType Type, CampaignStatus Status, DateTime Start, DateTime End,
    DemoAudience Audience, DemoPromoCode Promo, double ConversionRate, double CodeUseRate, DemoPet? PetFocus = null)
{
    public bool Reaches(DemoShopper shopper)
    {
        var c = shopper.Customer;
        if (!c.IsActive || c.CreatedAt >= Start) return false;
        return Audience switch
        {
            DemoAudience.EmailSubscribers => c.EmailConsent && c.EmailConsentAt < Start,
            DemoAudience.SmsSubscribers => c.SmsConsent && c.SmsConsentAt < Start,
            DemoAudience.LapsedEmailSubscribers => shopper.Type == DemoBuyerType.Lapsed && c.EmailConsent && c.EmailConsentAt < Start,
            DemoAudience.Everyone => true,
            _ => false,
        };
    }

    /// <summary>Whether the campaign can move this shopper to buy (lapsed customers ignore everything but the win-back).</summary>
    public bool CanConvert(DemoShopper shopper) =>
        Reaches(shopper) && (PetFocus is null || shopper.Likes(PetFocus.Value))
        && (shopper.Type != DemoBuyerType.Lapsed || Audience == DemoAudience.LapsedEmailSubscribers);

    public bool IsRunningAt(DateTime at) => at >= Start && at <= End;
}
