using Allnimall.Marketing.Core.Email.Content;

namespace Allnimall.Marketing.Core.Campaigns.Templates;

/// <summary>
/// The pet-store templates every installation starts with. Content is Liquid over <see cref="Messaging.MessageModel"/>
/// (customer, store, campaign, unsubscribe_url); every merge value has a fallback, so a customer without a first name
/// reads "friend", not a blank. Suggested segments are the demo store's names (<see cref="Segments.DemoSegments"/>);
/// a store without such a segment simply picks its own audience.
/// </summary>
public static class BuiltInCampaignTemplates
{
    public const string Welcome = "welcome";
    public const string WinBack = "win-back";
    public const string ProductLaunch = "product-launch";
    public const string FlashSale = "flash-sale";
    public const string BirthdayTreat = "birthday-treat";
    public const string RestockReminder = "restock-reminder";
    public const string AdoptionWeekend = "adoption-weekend";
    public const string Sale = "sale";
    public const string Newsletter = "newsletter";

    public static IReadOnlyList<CampaignTemplate> All() =>
    [
        Email(Welcome, "Welcome new customers",
            "A warm hello to customers who joined this month, with what your store offers and how to reach you.",
            "Welcome to {{ store.name }}, {{ customer.first_name | default: \"friend\" }}!", BuiltInEmailDesigns.Welcome(),
            ["New this month"]),
        Email(WinBack, "Win back lapsed customers",
            "Reconnect with customers who have not ordered for 90 days or more, with a welcome-back code (pick a discount to hand out unique codes).",
            "We miss you{% if customer.first_name != blank %}, {{ customer.first_name }}{% endif %}!", BuiltInEmailDesigns.WinBack(),
            ["Lapsed 90+ days"]),
        Email(ProductLaunch, "New product launch",
            "Announce new products to your best customers first. Pick the products to feature before sending.",
            "New at {{ store.name }}: something your pet will love", BuiltInEmailDesigns.ProductLaunch(),
            ["Champions (RFM)"]),
        Email(Sale, "Seasonal sale",
            "A bold sale announcement with each recipient's own code and your best deals. Pick the discount and the products.",
            "Up to 30% off this weekend, {{ customer.first_name | default: \"friend\" }}", BuiltInEmailDesigns.Sale(),
            ["VIP customers"]),
        new CampaignTemplate
        {
            Key = FlashSale, Name = "Flash sale", IsBuiltin = true, CampaignType = CampaignType.Sms,
            Description = "A short SMS for a sale that ends soon. Set the discount and the end time before sending.",
            SmsMessage = "{{ store.name }}: Flash sale, {{ customer.first_name | default: \"friend\" }}! 20% off pet food and treats today only. Reply STOP to opt out.",
            IncludeSegmentNames = ["VIP customers"],
        },
        Email(BirthdayTreat, "Birthday treat",
            "A birthday greeting with a gift code. Use it with a segment of this month's birthdays.",
            "Happy birthday, {{ customer.first_name | default: \"friend\" }}! A treat from {{ store.name }}", BuiltInEmailDesigns.Birthday(),
            ["Birthdays this month"]),
        Email(Newsletter, "Monthly newsletter",
            "Pet care tips, store news and this month's picks: a newsletter issue ready to fill in.",
            "{{ store.name }} monthly: tips, news and picks for your pet", BuiltInEmailDesigns.Newsletter(),
            []),
        Email(RestockReminder, "Restock reminder for consumables",
            "Remind regular food buyers to stock up before their bag runs out.",
            "Time to restock, {{ customer.first_name | default: \"friend\" }}?", BuiltInEmailDesigns.RestockReminder(),
            ["Dog owners", "Cat owners in Jakarta"]),
        new CampaignTemplate
        {
            Key = AdoptionWeekend, Name = "Adoption weekend post", IsBuiltin = true, CampaignType = CampaignType.Social,
            Description = "A social post inviting followers to an in-store adoption day. Fill in the date and partner shelter.",
            SocialContent = "🐾 Adoption weekend at our store! Meet dogs and cats from [shelter name] looking for a forever home, "
                + "this [Saturday and Sunday], 10:00–16:00. Bring the family and say hello. #adoptdontshop #petstore",
            SocialPlatforms = [SocialPlatform.Facebook, SocialPlatform.Instagram],
        },
    ];

    /// <summary>
    /// An email template edited with blocks. Its HTML is not stored here: the campaign renders the blocks when it is saved
    /// (product grids need the store's catalog).
    /// </summary>
    private static CampaignTemplate Email(string key, string name, string description, string subject, EmailDocument design, List<string> segments) => new()
    {
        Key = key, Name = name, Description = description, IsBuiltin = true, CampaignType = CampaignType.Email,
        Subject = subject, EmailEditorMode = EmailEditorMode.Blocks, EmailContentBlocks = design.ToJson(), IncludeSegmentNames = segments,
    };
}
