using Allnimall.Marketing.Core.Email.Content;

namespace Allnimall.Marketing.Core.Campaigns.Templates;

/// <summary>
/// The designed emails of the built-in templates, as block documents the editor opens: header, a headline, copy with a
/// fallback for nameless customers, one clear call to action, and the footer every marketing email needs (store,
/// physical address, unsubscribe and preferences). Product grids start empty on purpose: the store picks what to
/// feature, and saving without a pick says so next to the block.
/// </summary>
internal static class BuiltInEmailDesigns
{
    private const string Friend = "{{ customer.first_name | default: \"friend\" }}";
    private const string StoreLink = "{{ store.url }}";

    public static EmailDocument Welcome() => Design("Here is what we can do for you and your pet.", "#2e7d32", "#f1f8e9",
    [
        new HeadingBlock { Text = "Welcome to the family, " + Friend + "!", Align = TextAlign.Center },
        new TextBlock
        {
            Html = """
                <p>Thank you for choosing {{ store.name }}. Whether you share your home with a playful puppy, a curious cat or a
                chirpy budgie, we are here to help you keep them happy and healthy.</p>
                <ul><li>Premium food for dogs, cats, birds and small pets</li><li>Toys, beds and grooming essentials</li>
                <li>Friendly advice from fellow pet lovers</li></ul>
                """,
        },
        new ButtonBlock { Label = "Visit the store", Url = StoreLink },
        new TextBlock { Html = "<p>See you soon,<br>The {{ store.name }} team</p>" },
    ]);

    public static EmailDocument WinBack() => Design("Your pet's favourites are waiting, with a little something to welcome you back.", "#ef6c00", "#fff3e0",
    [
        new HeadingBlock { Text = "We miss you, " + Friend, Align = TextAlign.Center },
        new TextBlock
        {
            Html = """
                <p>We have not seen you at {{ store.name }} for a while, and your furry (or feathery) friend deserves a treat.</p>
                <p>Since your last visit we have restocked favourite foods, added new toys and brought in fresh grooming supplies.</p>
                """,
        },
        new CouponBlock { Title = "A welcome-back gift", Note = "Use it at checkout or show it in store. Valid for the next 14 days." },
        new ButtonBlock { Label = "See what's new", Url = StoreLink },
    ]);

    public static EmailDocument ProductLaunch() => Design("Our best customers hear it first.", "#1565c0", "#e3f2fd",
    [
        new HeadingBlock { Text = "Just arrived at {{ store.name }}", Align = TextAlign.Center },
        new TextBlock
        {
            Html = """
                <p>Hi {{ customer.first_name | default: "friend" }},</p>
                <p>You are one of our best customers, so you hear it first: new favourites have just reached our shelves.
                Here is what makes them special.</p>
                """,
        },
        new ProductGridBlock { Columns = 2, ButtonLabel = "Take a look" },
        new ButtonBlock { Label = "Shop the new arrivals", Url = StoreLink },
    ]);

    public static EmailDocument Sale() => Design("Our biggest savings of the season, this weekend only.", "#c62828", "#ffebee",
    [
        new HeadingBlock { Text = "Weekend sale: up to 30% off", Align = TextAlign.Center },
        new TextBlock
        {
            Html = """
                <p>Food, treats, toys and beds for every pet, {{ customer.first_name | default: "friend" }}.
                Stock up while it lasts: the sale ends Sunday at midnight.</p>
                """,
            Align = TextAlign.Center,
        },
        new CouponBlock { Title = "Your personal code", Note = "One use per customer. Combine it with the sale prices." },
        new ButtonBlock { Label = "Shop the sale", Url = StoreLink },
        new ProductGridBlock { Columns = 3, ButtonLabel = "Buy" },
    ]);

    public static EmailDocument Birthday() => Design("A little birthday gift from all of us.", "#ad1457", "#fce4ec",
    [
        new HeadingBlock { Text = "Happy birthday, " + Friend + "!", Align = TextAlign.Center },
        new TextBlock
        {
            Html = """
                <p>Everyone at {{ store.name }} wishes you a wonderful birthday. To celebrate, your next visit comes with a
                little something for you and your pet.</p>
                """,
        },
        new CouponBlock { Title = "Your birthday treat", Note = "Valid all month, in store and online." },
        new ButtonBlock { Label = "Claim your treat", Url = StoreLink },
        new TextBlock { Html = "<p>With love,<br>The {{ store.name }} team</p>" },
    ]);

    public static EmailDocument Newsletter() => Design("Pet care tips, what's new in store, and this month's picks.", "#00695c", "#e0f2f1",
    [
        new HeadingBlock { Text = "The {{ store.name }} monthly", Align = TextAlign.Center },
        new TextBlock
        {
            Html = """
                <p>Hi {{ customer.first_name | default: "friend" }}, here is what is happening this month.</p>
                """,
        },
        new HeadingBlock { Text = "Tip of the month: keeping cool", Level = 2 },
        new TextBlock
        {
            Html = """
                <p>Hot days are hard on pets. Keep fresh water in more than one place, walk dogs in the early morning or
                evening, and never leave a pet in a parked car, not even for a minute.</p>
                """,
        },
        new DividerBlock(),
        new HeadingBlock { Text = "Our picks for this month", Level = 2 },
        new ProductGridBlock { Columns = 2, ButtonLabel = "View" },
        new DividerBlock(),
        new HeadingBlock { Text = "In store", Level = 2 },
        new TextBlock { Html = "<p>Free nail trims every Saturday morning. Bring your pet along, no booking needed.</p>" },
        new ButtonBlock { Label = "Read more on our site", Url = StoreLink },
    ]);

    public static EmailDocument RestockReminder() => Design("Running low? Restock before the bowl is empty.", "#2e7d32", "#f1f8e9",
    [
        new HeadingBlock { Text = "Time to restock, " + Friend + "?", Align = TextAlign.Center },
        new TextBlock
        {
            Html = """
                <p>Most bags of pet food last about a month, so yours may be getting light. Restock now and your pet will not
                miss a meal.</p>
                <ul><li>Same food as last time, ready when you are</li><li>Litter, treats and supplements at the same stop</li></ul>
                """,
        },
        new ButtonBlock { Label = "Restock now", Url = StoreLink },
    ]);

    /// <summary>Header first and footer last around the body; the store's colours as the accent and background.</summary>
    private static EmailDocument Design(string preheader, string accent, string background, List<EmailBlock> body) => new()
    {
        Settings = new EmailDocumentSettings { Preheader = preheader, AccentColor = accent, BackgroundColor = background },
        Blocks = [new HeaderBlock(), .. body, new SpacerBlock { Height = 8 }, new FooterBlock()],
    };
}
