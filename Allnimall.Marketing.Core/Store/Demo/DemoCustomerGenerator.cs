using System.Globalization;
using System.Text;
using Bogus;
using BogusGender = Bogus.DataSets.Name.Gender;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>Customers with Indonesian names, mobile numbers and cities, consent as stores collect it, and a buying habit.</summary>
internal static class DemoCustomerGenerator
{
    public const int CustomerCount = 2_000;

    // Reserved example domains (RFC 2606): the demo store must never mail a real inbox, whatever SMTP is configured.
    private static readonly string[] EmailDomains = ["example.com", "example.net", "example.org", "example.co.id"];

    private static readonly (DemoBuyerType, double)[] BuyerTypes =
    [
        (DemoBuyerType.Loyal, 14), (DemoBuyerType.Regular, 32), (DemoBuyerType.Occasional, 25),
        (DemoBuyerType.OneTime, 9), (DemoBuyerType.Lapsed, 11), (DemoBuyerType.New, 5), (DemoBuyerType.BrowseOnly, 4),
    ];

    private static readonly (DemoPet, double)[] Pets = [(DemoPet.Dog, 40), (DemoPet.Cat, 40), (DemoPet.Fish, 12), (DemoPet.Bird, 8)];

    private static readonly (SalesChannel, double)[] Channels =
        [(SalesChannel.Online, 42), (SalesChannel.MobileApp, 33), (SalesChannel.InStore, 25)];

    private static readonly (Gender, double)[] Genders =
        [(Gender.Female, 52), (Gender.Male, 45), (Gender.Other, 1), (Gender.Unknown, 2)];

    // Pet owners skew to their late twenties and thirties.
    private static readonly ((int From, int To), double)[] AgeBands =
        [((18, 24), 12), ((25, 34), 33), ((35, 44), 27), ((45, 54), 15), ((55, 64), 9), ((65, 75), 4)];

    private static readonly (DemoCity, double)[] CityWeights = DemoGeography.Cities.Select(c => (c, (double)c.Weight)).ToArray();

    private static readonly string[] ConsentSources = ["checkout", "signup_form", "in_store"];

    public static List<DemoShopper> Generate(int seed, DateTime now)
    {
        var faker = new Faker("id_ID") { Random = new Randomizer(seed) };
        var usedEmails = new HashSet<string>(StringComparer.Ordinal);
        var shoppers = Enumerable.Range(0, CustomerCount).Select(_ => CreateShopper(faker, now, usedEmails)).ToList();

        // The store numbers its customers in sign-up order.
        shoppers.Sort((a, b) => a.Customer.CreatedAt.CompareTo(b.Customer.CreatedAt));
        for (var i = 0; i < shoppers.Count; i++)
            shoppers[i].Customer.ExternalId = $"C{i + 1:D6}";
        return shoppers;
    }

    private static DemoShopper CreateShopper(Faker faker, DateTime now, HashSet<string> usedEmails)
    {
        var random = faker.Random;
        var type = random.Pick(BuyerTypes);
        var city = random.Pick(CityWeights);
        var channel = random.Pick(Channels);
        var pet = random.Pick(Pets);
        var income = PickIncome(random, city);
        var createdAt = PickCreatedAt(random, type, city, channel, now);
        var customer = CreatePerson(faker, city, createdAt, now, usedEmails);
        customer.IncomeBand = income;
        customer.IsActive = !random.Bool(type == DemoBuyerType.Lapsed ? 0.12f : 0.04f);
        AddConsent(random, customer, channel, now);

        return new DemoShopper
        {
            Customer = customer,
            Type = type,
            Pet = pet,
            SecondPet = random.Bool(0.22f) ? random.Pick(Pets.Where(p => p.Item1 != pet).ToList()) : null,
            UtcOffsetHours = city.UtcOffsetHours,
            PreferredChannel = channel,
            SpendFactor = income switch
            {
                IncomeBand.Low => 0.6, IncomeBand.LowerMiddle => 0.8, IncomeBand.Middle => 1.0,
                IncomeBand.UpperMiddle => 1.25, _ => 1.6,
            },
            LapsedAt = type == DemoBuyerType.Lapsed ? PickLapse(random, createdAt, now) : null,
        };
    }

    private static Customer CreatePerson(Faker faker, DemoCity city, DateTime createdAt, DateTime now, HashSet<string> usedEmails)
    {
        var random = faker.Random;
        var gender = random.Pick(Genders);
        var nameGender = gender switch
        {
            Gender.Female => BogusGender.Female, Gender.Male => BogusGender.Male,
            _ => random.Bool() ? BogusGender.Female : BogusGender.Male,
        };
        var firstName = faker.Name.FirstName(nameGender);
        // Many Indonesians go by a single name.
        var lastName = random.Bool(0.06f) ? "" : faker.Name.LastName(nameGender);
        var (ageFrom, ageTo) = random.Pick(AgeBands);
        var today = DateOnly.FromDateTime(now);
        var birthDate = today.AddYears(-random.Number(ageFrom, ageTo)).AddDays(-random.Number(0, 364));

        return new Customer
        {
            ExternalId = "",
            FirstName = firstName,
            LastName = lastName,
            Gender = gender,
            BirthDate = birthDate,
            Email = random.Bool(0.93f) ? UniqueEmail(random, firstName, lastName, birthDate, usedEmails) : null,
            Phone = random.Bool(0.96f) ? MobileNumber(random) : null,
            City = city.Name,
            Region = city.Province,
            Country = DemoGeography.Country,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
    }

    private static IncomeBand PickIncome(Randomizer random, DemoCity city)
    {
        // Greater Jakarta, Surabaya and Bali earn more than the national mix.
        var affluent = city.Name is "Jakarta" or "Tangerang" or "Surabaya" or "Denpasar";
        return random.Pick<IncomeBand>(
        [
            (IncomeBand.Low, affluent ? 9 : 16), (IncomeBand.LowerMiddle, 24), (IncomeBand.Middle, 32),
            (IncomeBand.UpperMiddle, affluent ? 23 : 16), (IncomeBand.High, affluent ? 14 : 8),
        ]);
    }

    /// <summary>When the customer signed up: loyal buyers are long-standing, "new" ones joined this month.</summary>
    private static DateTime PickCreatedAt(Randomizer random, DemoBuyerType type, DemoCity city, SalesChannel channel, DateTime now)
    {
        var (minDays, maxDays) = type switch
        {
            DemoBuyerType.Loyal => (300, 1000),
            DemoBuyerType.Regular => (60, 1000),
            DemoBuyerType.Occasional => (30, 1000),
            DemoBuyerType.OneTime => (7, 1000),
            DemoBuyerType.Lapsed => (160, 1000),
            DemoBuyerType.New => (1, 29),
            _ => (1, 1000),
        };
        // The store grew: recent sign-ups outnumber old ones.
        var daysAgo = minDays + (maxDays - minDays) * Math.Pow(random.Double(), 1.4);
        var localDay = DateOnly.FromDateTime(now.AddHours(city.UtcOffsetHours).AddDays(-daysAgo));
        var time = DemoCalendar.PickTime(random, channel == SalesChannel.InStore);
        return DateTime.SpecifyKind(localDay.ToDateTime(time).AddHours(-city.UtcOffsetHours), DateTimeKind.Utc);
    }

    private static DateTime PickLapse(Randomizer random, DateTime createdAt, DateTime now)
    {
        var latest = Math.Min(240, (now - createdAt).TotalDays - 30);
        return now.AddDays(-(95 + random.Double() * Math.Max(0, latest - 95)));
    }

    /// <summary>About 70% of customers agree to email and 40% to SMS, each stamped with when and where they agreed.</summary>
    private static void AddConsent(Randomizer random, Customer customer, SalesChannel channel, DateTime now)
    {
        if (customer.Email is not null && random.Bool(0.75f))
        {
            customer.EmailConsent = true;
            (customer.EmailConsentAt, customer.EmailConsentSource) = ConsentStamp(random, customer, channel, now);
        }
        if (customer.Phone is not null && random.Bool(0.42f))
        {
            customer.SmsConsent = true;
            (customer.SmsConsentAt, customer.SmsConsentSource) = ConsentStamp(random, customer, channel, now);
        }
        customer.UpdatedAt = new[] { customer.CreatedAt, customer.EmailConsentAt ?? default, customer.SmsConsentAt ?? default }.Max();
    }

    private static (DateTime, string) ConsentStamp(Randomizer random, Customer customer, SalesChannel channel, DateTime now)
    {
        var source = channel == SalesChannel.InStore && random.Bool(0.6f)
            ? "in_store"
            : random.Pick<string>([(ConsentSources[0], 60), (ConsentSources[1], 40)]);
        // Most agree when they sign up; some later, from a form or at the till.
        var at = random.Bool(0.7f) ? customer.CreatedAt : customer.CreatedAt + (now - customer.CreatedAt) * random.Double();
        return (at, source);
    }

    private static string MobileNumber(Randomizer random)
    {
        var prefix = DemoGeography.MobilePrefixes[random.Number(0, DemoGeography.MobilePrefixes.Count - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"+62{prefix}{random.Number(10_000_000, 99_999_999)}");
    }

    private static string UniqueEmail(Randomizer random, string firstName, string lastName, DateOnly birthDate, HashSet<string> used)
    {
        var first = Slug(firstName);
        var last = Slug(lastName);
        var local = last.Length == 0
            ? $"{first}{random.Number(10, 999)}"
            : random.Number(0, 4) switch
            {
                0 => $"{first}.{last}",
                1 => $"{first}{last}{random.Number(1, 99)}",
                2 => $"{first}_{last}",
                3 => $"{first}{birthDate.Year % 100:00}",
                _ => $"{first[0]}{last}",
            };
        var domain = random.ArrayElement(EmailDomains);
        var email = $"{local}@{domain}";
        for (var n = 2; !used.Add(email); n++) email = $"{local}{n}@{domain}";
        return email;
    }

    private static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var ch in name.ToLowerInvariant())
            if (ch is >= 'a' and <= 'z') builder.Append(ch);
        return builder.Length > 0 ? builder.ToString() : "pelanggan";
    }
}
