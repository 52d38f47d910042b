namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>The buying habit the generator gives a customer; it is never stored, it only shapes the orders.</summary>
internal enum DemoBuyerType
{
    /// <summary>Buys the same food every 3–6 weeks.</summary>
    Loyal,
    /// <summary>Buys every one to two and a half months.</summary>
    Regular,
    /// <summary>A few orders a year, on busy days.</summary>
    Occasional,
    OneTime,
    /// <summary>Bought regularly, then stopped more than 90 days ago: the win-back audience.</summary>
    Lapsed,
    /// <summary>Signed up within the last 30 days.</summary>
    New,
    /// <summary>Has an account and browses, never ordered.</summary>
    BrowseOnly,
}

/// <summary>A generated customer together with the traits that drive their orders and visits.</summary>
internal sealed class DemoShopper
{
    public required Customer Customer { get; init; }
    public required DemoBuyerType Type { get; init; }
    public required DemoPet Pet { get; init; }
    public DemoPet? SecondPet { get; init; }
    public required int UtcOffsetHours { get; init; }
    public required SalesChannel PreferredChannel { get; init; }
    /// <summary>Below 1 prefers cheap packs, above 1 premium brands (from the income band).</summary>
    public required double SpendFactor { get; init; }
    /// <summary>For a lapsed customer, when they stopped buying.</summary>
    public DateTime? LapsedAt { get; init; }

    public DateTime ToUtc(DateOnly localDay, TimeOnly localTime) =>
        DateTime.SpecifyKind(localDay.ToDateTime(localTime).AddHours(-UtcOffsetHours), DateTimeKind.Utc);

    public DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(UtcOffsetHours));

    public bool Likes(DemoPet pet) => pet == Pet || pet == SecondPet || pet == DemoPet.Any;
}
