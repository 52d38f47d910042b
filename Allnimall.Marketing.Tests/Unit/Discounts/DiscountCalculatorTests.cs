using Allnimall.Marketing.Core.Discounts;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Unit.Discounts;

/// <summary>The issue's table of calculation cases, in rupiah (no minor unit) unless a case says otherwise.</summary>
public sealed class DiscountCalculatorTests
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid DogFood = Guid.NewGuid(), CatFood = Guid.NewGuid(), DogToy = Guid.NewGuid(), Leash = Guid.NewGuid();
    private static readonly Guid DogCategory = Guid.NewGuid(), CatCategory = Guid.NewGuid();
    private static readonly Guid Vip = Guid.NewGuid();

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(Now));

    private static PricingLine Line(Guid product, decimal price, int quantity = 1, Guid? category = null) =>
        new(product.ToString(), product, category is { } c ? [c] : [], quantity, price);

    private static DiscountRule Rule(DiscountType type, decimal value = 0, string name = "Promo") =>
        new() { Id = Guid.NewGuid(), Name = name, Type = type, Value = value, Method = DiscountMethod.Automatic };

    private PricingResult Price(IReadOnlyList<PricingLine> lines, params DiscountRule[] rules) =>
        Price(new PricingCart(PricingCustomer.Guest, lines, 0, []), rules);

    private PricingResult Price(PricingCart cart, DiscountRule[] rules, IReadOnlyDictionary<string, PresentedCode>? codes = null,
        CurrencyOptions? currency = null) =>
        new DiscountCalculator(clock, currency ?? CurrencyOptions.Idr).Evaluate(cart, rules, codes ?? new Dictionary<string, PresentedCode>());

    public static TheoryData<string, DiscountRule[], PricingLine[], decimal[]> Cases() => new()
    {
        { "percentage under its cap", [Rule(DiscountType.Percentage, 20) with { MaximumDiscount = 50_000 }],
            [Line(DogFood, 100_000)], [20_000] },
        { "percentage with cap, spread over lines in proportion", [Rule(DiscountType.Percentage, 20) with { MaximumDiscount = 50_000 }],
            [Line(DogFood, 200_000), Line(CatFood, 100_000)], [33_333, 16_667] },
        { "percentage rounds half away from zero once per line", [Rule(DiscountType.Percentage, 10)],
            [Line(DogFood, 12_345), Line(CatFood, 5)], [1_235, 1] },
        { "fixed amount larger than the subtotal takes the subtotal only", [Rule(DiscountType.FixedAmount, 100_000)],
            [Line(DogFood, 35_000), Line(CatFood, 25_000)], [35_000, 25_000] },
        { "fixed amount spread by largest remainder adds up exactly", [Rule(DiscountType.FixedAmount, 100)],
            [Line(DogFood, 1_000), Line(CatFood, 1_000), Line(DogToy, 1_000)], [34, 33, 33] },
        { "buy one get one: the cheapest item is free", [Rule(DiscountType.Bogo) with { BuyQuantity = 1, GetQuantity = 1 }],
            [Line(DogFood, 100_000), Line(DogToy, 40_000), Line(CatFood, 70_000)], [0, 40_000, 0] },
        { "buy 2 get 1 free over six units: the two cheapest units", [Rule(DiscountType.Bogo) with { BuyQuantity = 2, GetQuantity = 1 }],
            [Line(DogFood, 50_000, 3), Line(DogToy, 10_000, 1), Line(CatFood, 30_000, 2)], [0, 10_000, 30_000] },
        { "buy 1 get the second at 50%", [Rule(DiscountType.Bogo) with { BuyQuantity = 1, GetQuantity = 1, GetPercentOff = 50 }],
            [Line(DogFood, 100_000), Line(CatFood, 80_000)], [0, 40_000] },
        { "buy one get one with an odd unit count leaves the last unit paid", [Rule(DiscountType.Bogo) with { BuyQuantity = 1, GetQuantity = 1 }],
            [Line(DogFood, 20_000, 3)], [20_000] },
        { "category scope discounts only that category", [Rule(DiscountType.Percentage, 20) with { IncludedCategoryIds = new HashSet<Guid> { DogCategory } }],
            [Line(DogFood, 200_000, category: DogCategory), Line(CatFood, 100_000, category: CatCategory)], [40_000, 0] },
        { "excluded product inside an included category", [Rule(DiscountType.Percentage, 10) with
            { IncludedCategoryIds = new HashSet<Guid> { DogCategory }, ExcludedProductIds = new HashSet<Guid> { DogToy } }],
            [Line(DogFood, 100_000, category: DogCategory), Line(DogToy, 50_000, category: DogCategory)], [10_000, 0] },
        { "excluded category, everything else discounted", [Rule(DiscountType.FixedAmount, 30_000) with { ExcludedCategoryIds = new HashSet<Guid> { CatCategory } }],
            [Line(DogFood, 60_000, category: DogCategory), Line(CatFood, 100_000, category: CatCategory), Line(Leash, 30_000)], [20_000, 0, 10_000] },
        { "included product list", [Rule(DiscountType.FixedAmount, 5_000) with { IncludedProductIds = new HashSet<Guid> { Leash } }],
            [Line(DogFood, 60_000), Line(Leash, 30_000, 2)], [0, 5_000] },
        { "minimum purchase not met: nothing", [Rule(DiscountType.Percentage, 10) with { MinimumPurchase = 200_000 }],
            [Line(DogFood, 150_000)], [0] },
        { "minimum quantity met", [Rule(DiscountType.Percentage, 10) with { MinimumQuantity = 3 }],
            [Line(DogFood, 10_000, 3)], [3_000] },
        { "combinable discounts stack, higher priority first on what is left", [
            Rule(DiscountType.Percentage, 10) with { Combinable = true, Priority = 2 },
            Rule(DiscountType.FixedAmount, 10_000) with { Combinable = true, Priority = 1 }],
            [Line(DogFood, 100_000)], [20_000] },
        { "a better non-combinable discount beats the stack", [
            Rule(DiscountType.Percentage, 10) with { Combinable = true },
            Rule(DiscountType.FixedAmount, 5_000) with { Combinable = true },
            Rule(DiscountType.Percentage, 25)],
            [Line(DogFood, 100_000)], [25_000] },
        { "a worse non-combinable discount loses to the stack", [
            Rule(DiscountType.Percentage, 10) with { Combinable = true, Priority = 1 },
            Rule(DiscountType.FixedAmount, 5_000) with { Combinable = true, Priority = 2 },
            Rule(DiscountType.Percentage, 12)],
            [Line(DogFood, 100_000)], [14_500] },
        { "two non-combinable discounts: the best one only", [Rule(DiscountType.Percentage, 10), Rule(DiscountType.FixedAmount, 15_000)],
            [Line(DogFood, 100_000)], [15_000] },
        { "stacked fixed amounts never take a line below zero", [
            Rule(DiscountType.FixedAmount, 40_000) with { Combinable = true },
            Rule(DiscountType.FixedAmount, 40_000) with { Combinable = true }],
            [Line(DogFood, 50_000)], [50_000] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prices_the_cart(string name, DiscountRule[] rules, PricingLine[] lines, decimal[] expectedLineDiscounts)
    {
        var result = Price(lines, rules);

        Assert.True(expectedLineDiscounts.SequenceEqual(result.Lines.Select(l => l.Discount)),
            $"{name}: expected [{string.Join(", ", expectedLineDiscounts)}], got [{string.Join(", ", result.Lines.Select(l => l.Discount))}]");
        Assert.Equal(expectedLineDiscounts.Sum(), result.TotalDiscount);
        Assert.Equal(result.Subtotal - result.TotalDiscount, result.Total);
        Assert.All(result.Lines, l => Assert.True(l.Total >= 0));
        Assert.Equal(result.TotalDiscount, result.Applied.Sum(a => a.Amount));
    }

    [Fact]
    public void Money_keeps_the_minor_unit_of_a_two_decimal_currency()
    {
        var usd = new CurrencyOptions { Code = "USD", Symbol = "$", MinorUnits = 2, GroupSeparator = ",", DecimalSeparator = "." };
        var result = Price(new PricingCart(PricingCustomer.Guest, [Line(DogFood, 0.05m), Line(CatFood, 19.99m, 3)], 0, []),
            [Rule(DiscountType.Percentage, 10)], currency: usd);

        Assert.Equal([0.01m, 6.00m], result.Lines.Select(l => l.Discount)); // 0.005 rounds up; 5.997 to 6.00
        Assert.Equal(60.02m - 6.01m, result.Total);
        Assert.Equal("$ 1,234.50", usd.Format(1234.5m));
        Assert.Equal("Rp 1.234.500", CurrencyOptions.Idr.Format(1_234_500m));
    }

    [Fact]
    public void Free_shipping_takes_off_shipping_up_to_its_cap()
    {
        var cart = new PricingCart(PricingCustomer.Guest, [Line(DogFood, 100_000)], 25_000, []);

        var capped = Price(cart, [Rule(DiscountType.FreeShipping) with { MaximumDiscount = 15_000 }]);
        var free = Price(cart, [Rule(DiscountType.FreeShipping)]);

        Assert.Equal((15_000m, 0m, 110_000m), (capped.ShippingDiscount, capped.LineDiscount, capped.Total));
        Assert.Equal((25_000m, 100_000m), (free.ShippingDiscount, free.Total));
    }

    private static (DiscountRule Rule, Dictionary<string, PresentedCode> Codes) CodeDiscount(
        Func<DiscountRule, DiscountRule> configure, bool shared = true, int used = 0, bool disabled = false)
    {
        var rule = configure(Rule(DiscountType.Percentage, 10, "Ten off") with { Method = DiscountMethod.Code });
        return (rule, new Dictionary<string, PresentedCode>
        {
            ["PET10"] = new("PET10", Guid.NewGuid(), rule.Id, shared, disabled, used, null),
        });
    }

    private CodeOutcome Try(Func<DiscountRule, DiscountRule> configure, PricingCustomer? customer = null, decimal price = 100_000,
        bool shared = true, int used = 0, bool disabled = false, string code = "pet10")
    {
        var (rule, codes) = CodeDiscount(configure, shared, used, disabled);
        var cart = new PricingCart(customer ?? PricingCustomer.Guest, [Line(DogFood, price, category: DogCategory)], 0, [code]);
        return Assert.Single(Price(cart, [rule], codes).Codes);
    }

    private static PricingCustomer Customer(int previousOrders = 0, int used = 0, Guid? discount = null, params Guid[] segments) =>
        new("C-1", Guid.NewGuid(), segments.ToHashSet(), previousOrders,
            discount is { } d ? new Dictionary<Guid, int> { [d] = used } : new Dictionary<Guid, int>());

    [Fact]
    public void A_code_applies_case_insensitively_and_reports_success()
    {
        var outcome = Try(r => r, code: "  pet10 ");
        Assert.Equal(new CodeOutcome("PET10", true, null, null), outcome);
    }

    [Fact]
    public void Shopper_friendly_reasons_for_codes_that_do_not_apply()
    {
        Assert.Equal("Add Rp 50.000 more to use this code.", Try(r => r with { MinimumPurchase = 150_000 }).Reason);
        Assert.Equal("Add Rp 50.000 more of eligible items to use this code.",
            Try(r => r with { MinimumPurchase = 150_000, IncludedCategoryIds = new HashSet<Guid> { DogCategory } }).Reason);
        Assert.Equal("Add 2 more items to use this code.", Try(r => r with { MinimumQuantity = 3 }).Reason);
        Assert.Equal("This code was already used.", Try(r => r, shared: false, used: 1).Reason);
        Assert.Equal(CodeRejection.Unknown, Try(r => r, code: "NOPE").Rejection);
        Assert.Equal("This code is no longer valid.", Try(r => r, disabled: true).Reason);
        Assert.Equal("This code has reached its usage limit.", Try(r => r with { UsageLimit = 50, UsageCount = 50 }).Reason);
        Assert.Equal("None of the items in your cart are eligible for this code.",
            Try(r => r with { IncludedCategoryIds = new HashSet<Guid> { CatCategory } }).Reason);
        Assert.Equal("Sign in to use this code.", Try(r => r with { PerCustomerLimit = 1 }).Reason);
        Assert.Equal("This code isn't available for your account.", Try(r => r with { EligibleSegmentIds = new HashSet<Guid> { Vip } }, Customer()).Reason);
        Assert.True(Try(r => r with { EligibleSegmentIds = new HashSet<Guid> { Vip } }, Customer(segments: Vip)).Applied);
        Assert.Equal("This code is only for your first order.", Try(r => r with { FirstOrderOnly = true }, Customer(previousOrders: 1)).Reason);
        Assert.True(Try(r => r with { FirstOrderOnly = true }, Customer()).Applied);
        Assert.Equal("This code is not active.", Try(r => r with { IsActive = false }).Reason);
    }

    [Fact]
    public void Per_customer_limit_counts_this_customers_earlier_uses()
    {
        var (rule, codes) = CodeDiscount(r => r with { PerCustomerLimit = 1 });
        PricingCart Cart(int used) => new(Customer(used: used, discount: rule.Id), [Line(DogFood, 100_000)], 0, ["PET10"]);

        Assert.True(Assert.Single(Price(Cart(0), [rule], codes).Codes).Applied);
        Assert.Equal("You have already used this code.", Assert.Single(Price(Cart(1), [rule], codes).Codes).Reason);
    }

    [Fact]
    public void A_code_that_loses_to_a_better_non_combinable_discount_says_so()
    {
        var (rule, codes) = CodeDiscount(r => r);
        var better = Rule(DiscountType.Percentage, 30, "Big sale");
        var cart = new PricingCart(PricingCustomer.Guest, [Line(DogFood, 100_000)], 0, ["PET10"]);

        var result = Price(cart, [rule, better], codes);

        Assert.Equal("Big sale", Assert.Single(result.Applied).Name);
        Assert.Equal(CodeRejection.NotCombinable, Assert.Single(result.Codes).Rejection);
    }

    [Fact]
    public void Two_codes_for_the_same_discount_count_once()
    {
        var rule = Rule(DiscountType.FixedAmount, 10_000) with { Method = DiscountMethod.Code };
        var codes = new Dictionary<string, PresentedCode>
        {
            ["A1"] = new("A1", Guid.NewGuid(), rule.Id, false, false, 0, null),
            ["A2"] = new("A2", Guid.NewGuid(), rule.Id, false, false, 0, null),
        };
        var result = Price(new PricingCart(PricingCustomer.Guest, [Line(DogFood, 100_000)], 0, ["A1", "A2"]), [rule], codes);

        Assert.Equal(10_000m, result.TotalDiscount);
        Assert.Equal([true, false], result.Codes.Select(c => c.Applied));
        Assert.Equal(CodeRejection.DuplicateOffer, result.Codes[1].Rejection);
    }

    [Fact]
    public void The_window_starts_inclusively_and_ends_exclusively()
    {
        var start = Now.AddDays(1);
        var end = Now.AddDays(8);
        Func<DiscountRule, DiscountRule> window = r => r with { StartsAt = start, EndsAt = end };

        clock.SetUtcNow(new DateTimeOffset(start.AddTicks(-1)));
        Assert.Equal(CodeRejection.NotStarted, Try(window).Rejection);
        Assert.Equal("This code can be used from 3 Nov 2026.", Try(window).Reason);
        clock.SetUtcNow(new DateTimeOffset(start));
        Assert.True(Try(window).Applied);
        clock.SetUtcNow(new DateTimeOffset(end.AddTicks(-1)));
        Assert.True(Try(window).Applied);
        clock.SetUtcNow(new DateTimeOffset(end));
        Assert.Equal("This code has expired.", Try(window).Reason);
    }

    [Fact]
    public void Automatic_discounts_need_no_code_and_code_discounts_need_one()
    {
        var automatic = Rule(DiscountType.FixedAmount, 5_000);
        var withCode = Rule(DiscountType.FixedAmount, 7_000) with { Method = DiscountMethod.Code, Combinable = true };

        var result = Price([Line(DogFood, 100_000)], automatic, withCode);

        Assert.Equal(automatic.Id, Assert.Single(result.Applied).DiscountId);
    }
}
