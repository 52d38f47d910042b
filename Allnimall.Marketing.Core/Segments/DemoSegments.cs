using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>Ready-made segments for the demo store, so the segment grid is never empty on first run.</summary>
public sealed class DemoSegments(IDbContextFactory<MarketingDbContext> dbFactory, SegmentService segments)
{
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var admin = await db.Users.Where(u => u.Email == DemoAccounts.All[0].Email).Select(u => u.Id).SingleOrDefaultAsync(ct);
        if (admin is null || await db.CustomerSegments.AnyAsync(ct)) return 0;
        var dogFood = await db.ProductCategories.Where(c => c.Name == "Dog Food").Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        var catFood = await db.ProductCategories.Where(c => c.Name == "Cat Food").Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);

        var created = 0;
        foreach (var (name, description, rule) in Definitions(dogFood, catFood))
            if ((await segments.CreateAsync(new SegmentForm { Name = name, Description = description, Rule = rule }, admin, ct)).Succeeded)
                created++;
        return created;
    }

    private static IEnumerable<(string Name, string Description, SegmentRule Rule)> Definitions(Guid? dogFood, Guid? catFood)
    {
        yield return ("VIP customers", "Our best customers by lifetime value: worth a thank-you and early access.", All(
            new SegmentCondition { Field = SegmentField.LifetimeSpend, Operator = ConditionOperator.GreaterThanOrEqual, Value = 8_000_000 },
            new SegmentCondition { Field = SegmentField.LifetimeOrders, Operator = ConditionOperator.GreaterThanOrEqual, Value = 10 }));
        yield return ("Lapsed 90+ days", "Bought before, nothing in the last 90 days, still reachable by email: win them back.", All(
            new SegmentCondition { Field = SegmentField.DaysSinceLastOrder, Operator = ConditionOperator.GreaterThanOrEqual, Value = 90 },
            new SegmentCondition { Field = SegmentField.EmailConsent, Operator = ConditionOperator.Is }));
        yield return ("New this month", "Customers who joined in the last 30 days: welcome series.", All(
            new SegmentCondition { Field = SegmentField.Joined, Operator = ConditionOperator.Is, WithinDays = 30 }));
        yield return ("Champions (RFM)", "Bought recently, often and for a lot.", All(
            new SegmentCondition { Field = SegmentField.RfmGroup, Operator = ConditionOperator.In, Values = ["champions"] }));
        if (dogFood is { } dog)
            yield return ("Dog owners", "Bought dog food in the last year.", All(
                new SegmentCondition { Field = SegmentField.BoughtCategory, Operator = ConditionOperator.Is, ReferenceId = dog, WithinDays = 365 }));
        if (catFood is { } cat)
            yield return ("Cat owners in Jakarta", "Bought cat food in the last year and live in Jakarta.", All(
                new SegmentCondition { Field = SegmentField.BoughtCategory, Operator = ConditionOperator.Is, ReferenceId = cat, WithinDays = 365 },
                new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = ["Jakarta"] }));
    }

    private static SegmentRuleGroup All(params SegmentRule[] rules) => new() { Combinator = RuleCombinator.And, Rules = rules };
}
