using Allnimall.Marketing.Core.Segments;

namespace Allnimall.Marketing.Tests.Unit.Segments;

public sealed class SegmentRuleTests
{
    private static readonly SegmentRuleGroup Example = new()
    {
        Rules =
        [
            new SegmentCondition { Field = SegmentField.Age, Operator = ConditionOperator.Between, Value = 25, Max = 40 },
            new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = ["Jakarta"] },
            new SegmentCondition { Field = SegmentField.OrderCount, Operator = ConditionOperator.GreaterThanOrEqual, Value = 3, WithinDays = 180 },
        ],
    };

    [Fact]
    public void Describes_a_rule_in_plain_language() =>
        Assert.Equal("Customers aged 25–40 in Jakarta with at least 3 orders in the last 180 days", SegmentRuleDescriber.Describe(Example));

    [Fact]
    public void Describes_nested_or_groups_and_named_references()
    {
        var product = Guid.NewGuid();
        var rule = new SegmentRuleGroup
        {
            Rules =
            [
                new SegmentCondition { Field = SegmentField.EmailConsent, Operator = ConditionOperator.Is },
                new SegmentRuleGroup
                {
                    Combinator = RuleCombinator.Or,
                    Rules =
                    [
                        new SegmentCondition { Field = SegmentField.BoughtProduct, Operator = ConditionOperator.Is, ReferenceId = product, WithinDays = 30 },
                        new SegmentCondition { Field = SegmentField.TotalSpend, Operator = ConditionOperator.GreaterThan, Value = 500000 },
                    ],
                },
            ],
        };
        Assert.Equal("Customers with email consent and (who bought Royal Dog 2kg in the last 30 days or with spend over Rp 500.000)",
            SegmentRuleDescriber.Describe(rule, new Dictionary<Guid, string> { [product] = "Royal Dog 2kg" }));
    }

    [Fact]
    public void Round_trips_through_json_with_snake_case_names()
    {
        var json = SegmentRuleJson.Serialize(Example);
        Assert.Contains("\"type\":\"group\"", json);
        Assert.Contains("\"field\":\"order_count\"", json);
        Assert.Contains("\"within_days\":180", json);
        Assert.Equal(SegmentRuleDescriber.Describe(Example), SegmentRuleDescriber.Describe(SegmentRuleJson.Deserialize(json)));
    }

    [Fact]
    public void Unknown_field_in_json_is_rejected_when_read() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => SegmentRuleJson.Deserialize(
            """{"type":"condition","field":"password_hash","operator":"equal","value":1}"""));

    public static TheoryData<SegmentRule, string> InvalidRules => new()
    {
        { new SegmentRuleGroup(), "This group is empty" },
        { new SegmentCondition { Field = SegmentField.Age, Operator = ConditionOperator.In, Values = ["1"] }, "does not apply to age" },
        { new SegmentCondition { Field = SegmentField.Age, Operator = ConditionOperator.Between, Value = 40, Max = 25 }, "minimum is larger than the maximum" },
        { new SegmentCondition { Field = SegmentField.OrderCount, Operator = ConditionOperator.GreaterThan, Value = 1, WithinDays = 0 }, "at least 1" },
        { new SegmentCondition { Field = SegmentField.ViewedProduct, Operator = ConditionOperator.Is, ReferenceId = Guid.NewGuid() }, "number of days" },
        { new SegmentCondition { Field = SegmentField.BoughtProduct, Operator = ConditionOperator.Is }, "Choose a product" },
        { new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = [] }, "at least one value" },
        { new SegmentCondition { Field = SegmentField.Gender, Operator = ConditionOperator.In, Values = ["robot"] }, "Unknown value(s): robot" },
        { new SegmentCondition { Field = SegmentField.RfmRecencyScore, Operator = ConditionOperator.Equal, Value = 7 }, "1 to 5" },
        { new SegmentCondition { Field = SegmentField.TotalSpend, Operator = ConditionOperator.GreaterThan }, "Enter a value" },
        { new SegmentCondition { Field = SegmentField.Age, Operator = ConditionOperator.GreaterThan, Value = 30, WithinDays = 10 }, "does not take a time window" },
        { new SegmentCondition { Field = (SegmentField)999, Operator = ConditionOperator.Is }, "Unknown field" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void Invalid_rules_get_a_message_for_the_faulty_condition(SegmentRule rule, string message)
    {
        var errors = SegmentRuleValidator.Validate(rule);
        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Errors_name_the_path_of_the_faulty_condition()
    {
        var rule = new SegmentRuleGroup
        {
            Rules = [Example, new SegmentRuleGroup { Combinator = RuleCombinator.Or, Rules = [new SegmentRuleGroup()] }],
        };
        var error = Assert.Single(SegmentRuleValidator.Validate(rule));
        Assert.Equal("rules[1].rules[0]", error.Path);
    }

    [Fact]
    public void Every_rfm_cell_has_exactly_one_group() =>
        Assert.All(from r in Enumerable.Range(1, 5) from f in Enumerable.Range(1, 5) select (r, f),
            cell => Assert.True(Enum.IsDefined(RfmGroups.Classify(cell.r, cell.f))));
}
