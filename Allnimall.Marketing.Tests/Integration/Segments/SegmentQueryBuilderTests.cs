using Allnimall.Marketing.Core.Segments;

namespace Allnimall.Marketing.Tests.Integration.Segments;

public sealed class SegmentQueryBuilderTests(SegmentFixture store) : IClassFixture<SegmentFixture>
{
    private static SegmentCondition When(SegmentField field, ConditionOperator op, decimal? value = null, decimal? max = null,
        string[]? values = null, Guid? reference = null, int? days = null) =>
        new() { Field = field, Operator = op, Value = value, Max = max, Values = values, ReferenceId = reference, WithinDays = days };

    [Theory]
    [InlineData(ConditionOperator.GreaterThanOrEqual, 36, null, new[] { "Ani", "Eko" })]      // Ani turns 36 today
    [InlineData(ConditionOperator.LessThan, 36, null, new[] { "Budi", "Dewi" })]               // Budi turns 36 tomorrow
    [InlineData(ConditionOperator.Equal, 35, null, new[] { "Budi" })]
    [InlineData(ConditionOperator.Between, 26, 36, new[] { "Ani", "Budi", "Dewi" })]
    [InlineData(ConditionOperator.NotEqual, 36, null, new[] { "Budi", "Dewi", "Eko" })]       // no birth date: no age
    public async Task Age_is_computed_from_the_birth_date_at_evaluation_time(ConditionOperator op, int value, int? max, string[] expected) =>
        Assert.Equal(expected, await store.MatchAsync(When(SegmentField.Age, op, value, max)));

    [Fact]
    public async Task Gender_city_region_country_and_income_match_lists_case_insensitively()
    {
        Assert.Equal(["Ani", "Citra"], await store.MatchAsync(When(SegmentField.Gender, ConditionOperator.In, values: ["female"])));
        Assert.Equal(["Ani", "Dewi"], await store.MatchAsync(When(SegmentField.City, ConditionOperator.In, values: ["JAKARTA"])));
        Assert.Equal(["Budi", "Citra", "Eko"], await store.MatchAsync(When(SegmentField.City, ConditionOperator.NotIn, values: ["Jakarta"])));
        Assert.Equal(["Citra"], await store.MatchAsync(When(SegmentField.Region, ConditionOperator.In, values: ["Jawa Barat"])));
        Assert.Equal(5, (await store.MatchAsync(When(SegmentField.Country, ConditionOperator.In, values: ["indonesia"]))).Length);
        Assert.Equal(["Budi", "Eko"], await store.MatchAsync(When(SegmentField.IncomeBand, ConditionOperator.In, values: ["high", "upper_middle"])));
    }

    [Fact]
    public async Task Order_count_counts_completed_orders_in_the_window()
    {
        // The order placed exactly 180 days ago is inside a 180-day window; Budi's recent order was cancelled.
        Assert.Equal(["Ani", "Dewi"], await store.MatchAsync(When(SegmentField.OrderCount, ConditionOperator.GreaterThanOrEqual, 3, days: 180)));
        Assert.Equal(["Budi", "Citra", "Eko"], await store.MatchAsync(When(SegmentField.OrderCount, ConditionOperator.Equal, 0, days: 180)));
        Assert.Equal(["Budi", "Eko"], await store.MatchAsync(When(SegmentField.OrderCount, ConditionOperator.Between, 1, 2)));
    }

    [Fact]
    public async Task Spend_average_and_lifetime_value_use_decimal_totals()
    {
        Assert.Equal(["Ani"], await store.MatchAsync(When(SegmentField.TotalSpend, ConditionOperator.GreaterThan, 150_000m, days: 180)));
        Assert.Equal(["Eko"], await store.MatchAsync(When(SegmentField.LifetimeSpend, ConditionOperator.GreaterThanOrEqual, 1_000_000m)));
        Assert.Equal(["Ani", "Budi", "Eko"], await store.MatchAsync(When(SegmentField.AverageOrderValue, ConditionOperator.GreaterThanOrEqual, 60_000m)));
        Assert.Equal(["Dewi"], await store.MatchAsync(When(SegmentField.LifetimeOrders, ConditionOperator.GreaterThan, 5)));
    }

    [Fact]
    public async Task Days_since_last_order_ignores_cancelled_orders_and_never_matches_non_buyers()
    {
        Assert.Equal(["Budi", "Eko"], await store.MatchAsync(When(SegmentField.DaysSinceLastOrder, ConditionOperator.GreaterThanOrEqual, 90)));
        Assert.Equal(["Eko"], await store.MatchAsync(When(SegmentField.DaysSinceLastOrder, ConditionOperator.Equal, 181)));
        Assert.Equal(["Ani", "Dewi"], await store.MatchAsync(When(SegmentField.DaysSinceLastOrder, ConditionOperator.LessThanOrEqual, 10)));
    }

    [Fact]
    public async Task Purchase_frequency_is_orders_per_month_of_tenure()
    {
        // 24 months of tenure: Dewi 6 orders = 0.25/month, Ani 3 = 0.125/month.
        Assert.Equal(["Dewi"], await store.MatchAsync(When(SegmentField.PurchaseFrequency, ConditionOperator.GreaterThan, 0.2m)));
        Assert.Equal(["Ani", "Dewi"], await store.MatchAsync(When(SegmentField.PurchaseFrequency, ConditionOperator.GreaterThanOrEqual, 0.12m)));
    }

    [Fact]
    public async Task Bought_and_never_bought_a_product_or_category()
    {
        Assert.Equal(["Ani", "Eko"], await store.MatchAsync(When(SegmentField.BoughtProduct, ConditionOperator.Is, reference: store.DogFood)));
        Assert.Equal(["Ani"], await store.MatchAsync(When(SegmentField.BoughtProduct, ConditionOperator.Is, reference: store.DogFood, days: 180)));
        Assert.Equal(["Budi", "Citra", "Dewi"], await store.MatchAsync(When(SegmentField.BoughtProduct, ConditionOperator.IsNot, reference: store.DogFood)));
        Assert.Equal(["Budi", "Dewi"], await store.MatchAsync(When(SegmentField.BoughtCategory, ConditionOperator.Is, reference: store.CatCategory)));
    }

    [Fact]
    public async Task Viewed_and_viewed_but_not_bought()
    {
        Assert.Equal(["Ani", "Citra"], await store.MatchAsync(When(SegmentField.ViewedProduct, ConditionOperator.Is, reference: store.DogFood, days: 30)));
        Assert.Equal(["Citra"], await store.MatchAsync(When(SegmentField.ViewedProductNotBought, ConditionOperator.Is, reference: store.DogFood, days: 30)));
        Assert.Equal(["Citra", "Dewi"], await store.MatchAsync(When(SegmentField.ViewedCategory, ConditionOperator.Is, reference: store.DogCategory, days: 7)));
        Assert.Equal(["Citra", "Dewi"], await store.MatchAsync(When(SegmentField.ViewedCategoryNotBought, ConditionOperator.Is, reference: store.DogCategory, days: 7)));
    }

    [Fact]
    public async Task Email_engagement_conditions_read_customer_engagement()
    {
        Assert.Equal(["Ani", "Dewi"], await store.MatchAsync(When(SegmentField.OpenedEmail, ConditionOperator.Is)));
        Assert.Equal(["Dewi"], await store.MatchAsync(When(SegmentField.OpenedEmail, ConditionOperator.Is, days: 30)));
        Assert.Equal(["Dewi"], await store.MatchAsync(When(SegmentField.ClickedEmail, ConditionOperator.Is, reference: store.Newsletter)));
        Assert.Equal(["Citra"], await store.MatchAsync(When(SegmentField.ReceivedEmailNotOpened, ConditionOperator.Is, days: 30)));
        Assert.Equal(["Eko"], await store.MatchAsync(When(SegmentField.UnsubscribedEmail, ConditionOperator.Is)));
    }

    [Fact]
    public async Task Joined_in_the_last_days_reads_the_customer_creation_time()
    {
        Assert.Empty(await store.MatchAsync(When(SegmentField.Joined, ConditionOperator.Is, days: 729)));
        Assert.Equal(5, (await store.MatchAsync(When(SegmentField.Joined, ConditionOperator.Is, days: 730))).Length);
    }

    [Fact]
    public async Task Reachability_flags()
    {
        Assert.Equal(["Ani", "Citra", "Dewi"], await store.MatchAsync(When(SegmentField.EmailConsent, ConditionOperator.Is)));
        Assert.Equal(["Ani", "Budi"], await store.MatchAsync(When(SegmentField.SmsConsent, ConditionOperator.Is)));
        Assert.Equal(["Dewi"], await store.MatchAsync(When(SegmentField.Active, ConditionOperator.IsNot)));
    }

    [Fact]
    public async Task Rfm_scores_rank_buyers_in_quintiles_and_name_groups()
    {
        // Buyers: Ani (3 orders, 10 days), Budi (1, 400 days), Dewi (6, 5 days), Eko (1, 181 days).
        var topFrequency = await store.MatchAsync(When(SegmentField.RfmFrequencyScore, ConditionOperator.Equal, 5));
        Assert.Equal(["Dewi"], topFrequency);
        var recent = await store.MatchAsync(When(SegmentField.RfmRecencyScore, ConditionOperator.GreaterThanOrEqual, 4));
        Assert.Contains("Dewi", recent);
        Assert.DoesNotContain("Budi", recent);
        var monetaryTop = await store.MatchAsync(When(SegmentField.RfmMonetaryScore, ConditionOperator.Equal, 5));
        Assert.Equal(["Eko"], monetaryTop);
        Assert.Equal(["Dewi"], await store.MatchAsync(When(SegmentField.RfmGroup, ConditionOperator.In, values: ["champions"])));
        Assert.DoesNotContain("Citra", await store.MatchAsync(When(SegmentField.RfmGroup, ConditionOperator.NotIn, values: ["champions"])));
    }

    [Fact]
    public async Task Groups_nest_and_and_or()
    {
        var rule = new SegmentRuleGroup
        {
            Combinator = RuleCombinator.Or,
            Rules =
            [
                new SegmentRuleGroup
                {
                    Combinator = RuleCombinator.And,
                    Rules = [When(SegmentField.City, ConditionOperator.In, values: ["Jakarta"]), When(SegmentField.Active, ConditionOperator.Is)],
                },
                When(SegmentField.City, ConditionOperator.In, values: ["Medan"]),
            ],
        };
        Assert.Equal(["Ani", "Eko"], await store.MatchAsync(rule));
    }
}
