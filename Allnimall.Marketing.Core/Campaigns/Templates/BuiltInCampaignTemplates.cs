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

    public static IReadOnlyList<CampaignTemplate> All() =>
    [
        Email(Welcome, "Welcome new customers",
            "A warm hello to customers who joined this month, with what your store offers and how to reach you.",
            "Welcome to {{ store.name }}, {{ customer.first_name | default: \"friend\" }}!",
            Layout("Welcome to the family!", """
                <p>Hi {{ customer.first_name | default: "friend" }},</p>
                <p>Thank you for choosing {{ store.name }}. Whether you share your home with a playful puppy, a curious cat or a
                  chirpy budgie, we are here to help you keep them happy and healthy.</p>
                <ul>
                  <li>Premium food for dogs, cats, birds and small pets</li>
                  <li>Toys, beds and grooming essentials</li>
                  <li>Friendly advice from fellow pet lovers</li>
                </ul>
                <p style="text-align:center;margin:28px 0;">
                  <a href="{{ store.url | default: '#' }}" style="background:#2e7d32;color:#ffffff;padding:12px 24px;border-radius:6px;text-decoration:none;">Visit the store</a>
                </p>
                <p>See you soon,<br>The {{ store.name }} team</p>
                """),
            ["New this month"]),
        Email(WinBack, "Win back lapsed customers",
            "Reconnect with customers who have not ordered for 90 days or more, before they forget you.",
            "We miss you{% if customer.first_name != blank %}, {{ customer.first_name }}{% endif %}!",
            Layout("It has been a while", """
                <p>Hi {{ customer.first_name | default: "friend" }},</p>
                <p>We have not seen you at {{ store.name }} for some time, and your furry (or feathery) friend deserves a treat.</p>
                <p>Since your last visit we have restocked favourite foods, added new toys and brought in fresh grooming supplies.
                  Drop by or order online: we would love to see you both again.</p>
                <p style="text-align:center;margin:28px 0;">
                  <a href="{{ store.url | default: '#' }}" style="background:#2e7d32;color:#ffffff;padding:12px 24px;border-radius:6px;text-decoration:none;">See what's new</a>
                </p>
                <p>Warm regards,<br>The {{ store.name }} team</p>
                """),
            ["Lapsed 90+ days"]),
        Email(ProductLaunch, "New product launch",
            "Announce a new product to your best customers first. Replace the product details before sending.",
            "New at {{ store.name }}: something your pet will love",
            Layout("Just arrived", """
                <p>Hi {{ customer.first_name | default: "friend" }},</p>
                <p>You are one of our best customers, so you hear it first: we have just added <strong>[product name]</strong> to our shelves.</p>
                <p>[Two or three sentences on what makes it special: ingredients, materials, which pets it suits.]</p>
                <p style="text-align:center;margin:28px 0;">
                  <a href="{{ store.url | default: '#' }}" style="background:#2e7d32;color:#ffffff;padding:12px 24px;border-radius:6px;text-decoration:none;">Take a look</a>
                </p>
                <p>Happy shopping,<br>The {{ store.name }} team</p>
                """),
            ["Champions (RFM)"]),
        new CampaignTemplate
        {
            Key = FlashSale, Name = "Flash sale", IsBuiltin = true, CampaignType = CampaignType.Sms,
            Description = "A short SMS for a sale that ends soon. Set the discount and the end time before sending.",
            SmsMessage = "{{ store.name }}: Flash sale, {{ customer.first_name | default: \"friend\" }}! 20% off pet food and treats today only. Reply STOP to opt out.",
            IncludeSegmentNames = ["VIP customers"],
        },
        Email(BirthdayTreat, "Birthday treat",
            "A birthday greeting with a small gift. Use it with a segment of this month's birthdays.",
            "Happy birthday, {{ customer.first_name | default: \"friend\" }}! A treat from {{ store.name }}",
            Layout("Happy birthday!", """
                <p>Dear {{ customer.first_name | default: "friend" }},</p>
                <p>Everyone at {{ store.name }} wishes you a wonderful birthday. To celebrate, your next visit comes with a little
                  something for you and your pet.</p>
                <p>Show this email in store or mention it with your online order this month.</p>
                <p style="text-align:center;margin:28px 0;">
                  <a href="{{ store.url | default: '#' }}" style="background:#c2185b;color:#ffffff;padding:12px 24px;border-radius:6px;text-decoration:none;">Claim your treat</a>
                </p>
                <p>With love,<br>The {{ store.name }} team</p>
                """),
            ["Birthdays this month"]),
        Email(RestockReminder, "Restock reminder for consumables",
            "Remind regular food buyers to stock up before their bag runs out.",
            "Time to restock, {{ customer.first_name | default: \"friend\" }}?",
            Layout("Running low on food?", """
                <p>Hi {{ customer.first_name | default: "friend" }},</p>
                <p>Most bags of pet food last about a month, so yours may be getting light. Restock now and your pet will not miss a meal.</p>
                <ul>
                  <li>Same food as last time, ready when you are</li>
                  <li>Litter, treats and supplements at the same stop</li>
                </ul>
                <p style="text-align:center;margin:28px 0;">
                  <a href="{{ store.url | default: '#' }}" style="background:#2e7d32;color:#ffffff;padding:12px 24px;border-radius:6px;text-decoration:none;">Restock now</a>
                </p>
                <p>Thank you,<br>The {{ store.name }} team</p>
                """),
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

    private static CampaignTemplate Email(string key, string name, string description, string subject, string html, List<string> segments) => new()
    {
        Key = key, Name = name, Description = description, IsBuiltin = true, CampaignType = CampaignType.Email,
        Subject = subject, EmailContent = html, IncludeSegmentNames = segments,
    };

    /// <summary>A plain, email-client-safe page (tables and inline styles) around the message, with the store's footer.</summary>
    private static string Layout(string heading, string body) => $$$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{ campaign.name }}</title>
        </head>
        <body style="margin:0;padding:0;background:#f4f6f4;font-family:Arial,Helvetica,sans-serif;color:#263238;">
          <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f6f4;">
            <tr>
              <td align="center" style="padding:24px 12px;">
                <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;">
                  <tr>
                    <td style="padding:24px 32px;background:#2e7d32;border-radius:8px 8px 0 0;color:#ffffff;">
                      <h1 style="margin:0;font-size:24px;">{{{heading}}}</h1>
                    </td>
                  </tr>
                  <tr>
                    <td style="padding:24px 32px;font-size:16px;line-height:1.5;">
        {{{Indent(body)}}}
                    </td>
                  </tr>
                  <tr>
                    <td style="padding:16px 32px;font-size:12px;color:#78909c;border-top:1px solid #eceff1;">
                      {{ store.name }}{% if store.address != blank %} · {{ store.address }}{% endif %}<br>
                      You receive this email because you agreed to hear from {{ store.name }}.
                      {% if unsubscribe_url != blank %}<a href="{{ unsubscribe_url }}" style="color:#78909c;">Unsubscribe</a>{% endif %}
                    </td>
                  </tr>
                </table>
              </td>
            </tr>
          </table>
        </body>
        </html>
        """;

    private static string Indent(string body) =>
        string.Join('\n', body.TrimEnd().Split('\n').Select(line => line.Length == 0 ? line : "              " + line));
}
