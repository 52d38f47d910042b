using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Discounts;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>The six campaigns of the demo store, placed relative to "now" so they always look recent.</summary>
internal static class DemoCampaignPlan
{
    public static IReadOnlyList<DemoPlannedCampaign> Create(DateTime now)
    {
        // Campaigns go out at 10:00 WIB (03:00 UTC).
        DateTime At(int daysAgo) => now.Date.AddDays(-daysAgo).AddHours(3);
        var harbolnas = new DateTime(now.Year, 12, 12, 3, 0, 0, DateTimeKind.Utc);
        if (harbolnas <= now.AddDays(7)) harbolnas = harbolnas.AddYears(1);

        return
        [
            new("Cat Food Week: 15% Off", "Storewide code for cat food lovers, promoted on the website banner.",
                CampaignType.Discount, CampaignStatus.Completed, At(100), At(93).AddHours(14), DemoAudience.Everyone,
                new("MEONG15", DiscountType.Percentage, 15, 100_000, 75_000), ConversionRate: 0.05, CodeUseRate: 0.35, PetFocus: DemoPet.Cat),
            new("Monthly Newsletter: Grooming at Home", "Grooming tips and 10% off for newsletter subscribers.",
                CampaignType.Email, CampaignStatus.Completed, At(58), At(51), DemoAudience.EmailSubscribers,
                new("GROOM10", DiscountType.Percentage, 10, MaximumDiscount: 50_000), ConversionRate: 0.008, CodeUseRate: 0.06),
            new("Payday Flash Sale: Rp25.000 Off", "48-hour SMS flash sale when salaries arrive.",
                CampaignType.Sms, CampaignStatus.Completed, At(33), At(31), DemoAudience.SmsSubscribers,
                new("GAJIAN25", DiscountType.FixedAmount, 25_000, MinimumPurchase: 200_000), ConversionRate: 0.02, CodeUseRate: 0.2),
            new("Adopt, Don't Shop Weekend", "Instagram and Facebook posts with the shelter partners, code for new adopters.",
                CampaignType.Social, CampaignStatus.Completed, At(21), At(14), DemoAudience.Everyone,
                new("ADOPSI20", DiscountType.FixedAmount, 20_000, MinimumPurchase: 150_000), ConversionRate: 0.01, CodeUseRate: 0.05),
            new("Win-back: We Miss You!", "20% off for customers who have not ordered in three months.",
                CampaignType.Email, CampaignStatus.Active, At(6), At(-8), DemoAudience.LapsedEmailSubscribers,
                new("KANGEN20", DiscountType.Percentage, 20, MaximumDiscount: 100_000), ConversionRate: 0.08, CodeUseRate: 0),
            new("Harbolnas 12.12 Mega Sale", "SMS blast for the national online shopping day. Draft: copy under review.",
                CampaignType.Sms, CampaignStatus.Draft, harbolnas, harbolnas.AddDays(1), DemoAudience.Nobody,
                new("HARBOLNAS12", DiscountType.Percentage, 12, 150_000, 120_000), ConversionRate: 0, CodeUseRate: 0),
        ];
    }
}
