using Allnimall.Marketing.Core.Newsletters;
using Bogus;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>
/// The demo store's newsletter: one list with customers who opted in (about a third of those with email consent, a few
/// of whom left again), people who signed up on the public page without being customers, and a few sign-ups still
/// waiting for their confirmation click.
/// </summary>
internal sealed record DemoNewsletter(NewsletterList List, List<NewsletterSubscription> Subscriptions)
{
    public const string Slug = "pawsome-monthly";
    private const int OutsideSubscribers = 80;
    private const int PendingSignUps = 6;

    public static DemoNewsletter Generate(int seed, DateTime now, IReadOnlyList<DemoShopper> shoppers)
    {
        var faker = new Faker("id_ID") { Random = new Randomizer(seed) };
        var created = now.AddDays(-300);
        var list = new NewsletterList
        {
            Name = "Pawsome Monthly", Slug = Slug, CreatedAt = created, UpdatedAt = created,
            Description = "Pet care tips, new arrivals and members-only offers, once a month.",
        };
        var subscriptions = new List<NewsletterSubscription>();
        var taken = new HashSet<string>();
        foreach (var shopper in shoppers.Where(s => s.Customer.EmailConsent && s.Customer.Email is not null))
        {
            if (!faker.Random.Bool(0.35f) || !taken.Add(shopper.Customer.Email!.ToLowerInvariant())) continue;
            var subscription = Confirmed(list, shopper.Customer.Email!.ToLowerInvariant(), shopper.Customer.FirstName, faker, created, now, "checkout opt-in");
            subscription.CustomerId = shopper.Customer.Id;
            if (faker.Random.Bool(0.08f)) Leave(subscription, faker, now);
            subscriptions.Add(subscription);
        }
        for (var i = 0; i < OutsideSubscribers + PendingSignUps; i++)
        {
            var first = faker.Name.FirstName();
            var email = $"{first}.{faker.Name.LastName()}{faker.Random.Number(1, 99)}@{faker.PickRandom("example.com", "example.net", "example.org")}"
                .ToLowerInvariant().Replace(' ', '.');
            if (!taken.Add(email)) continue;
            subscriptions.Add(i < OutsideSubscribers
                ? Confirmed(list, email, first, faker, created, now, "public form")
                : Pending(list, email, first, faker, now));
        }
        return new DemoNewsletter(list, subscriptions);
    }

    private static NewsletterSubscription Confirmed(NewsletterList list, string email, string? name, Faker faker, DateTime created, DateTime now, string source)
    {
        var requested = faker.Date.Between(created, now.AddDays(-7));
        var confirmed = requested.AddMinutes(faker.Random.Int(2, 600));
        return new NewsletterSubscription
        {
            ListId = list.Id, Email = email, Name = name, Status = NewsletterSubscriptionStatus.Subscribed, Source = source,
            RequestedAt = requested, ConfirmedAt = confirmed, ConfirmedIp = faker.Internet.Ip(), ConfirmedUserAgent = faker.Internet.UserAgent(),
            CreatedAt = requested, UpdatedAt = confirmed,
        };
    }

    private static NewsletterSubscription Pending(NewsletterList list, string email, string? name, Faker faker, DateTime now)
    {
        var requested = faker.Date.Between(now.AddDays(-3), now.AddHours(-1));
        return new NewsletterSubscription
        {
            ListId = list.Id, Email = email, Name = name, Status = NewsletterSubscriptionStatus.Pending, Source = "public form",
            RequestedAt = requested, CreatedAt = requested, UpdatedAt = requested,
        };
    }

    private static void Leave(NewsletterSubscription subscription, Faker faker, DateTime now)
    {
        subscription.Status = NewsletterSubscriptionStatus.Unsubscribed;
        subscription.UnsubscribedAt = faker.Date.Between(subscription.ConfirmedAt!.Value, now);
        subscription.UnsubscribeSource = "preference page";
        subscription.UpdatedAt = subscription.UnsubscribedAt.Value;
    }
}
