using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Web.Components.Pages.Segments;

namespace Allnimall.Marketing.Tests.Unit.Segments;

/// <summary>The rule builder's editable tree: conversion to and from rules, and errors placed on nodes by path.</summary>
public sealed class RuleTreeTests
{
    private static readonly SegmentRuleGroup Nested = new()
    {
        Rules =
        [
            new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = ["Jakarta"] },
            new SegmentRuleGroup
            {
                Combinator = RuleCombinator.Or,
                Rules =
                [
                    new SegmentCondition { Field = SegmentField.OrderCount, Operator = ConditionOperator.GreaterThanOrEqual, Value = 3, WithinDays = 180 },
                    new SegmentCondition { Field = SegmentField.RfmGroup, Operator = ConditionOperator.In, Values = ["at_risk", "cannot_lose_them"] },
                ],
            },
        ],
    };

    [Fact]
    public void A_rule_survives_the_round_trip_through_the_editor()
    {
        var back = RuleTree.ToRule(RuleTree.FromRule(Nested));

        Assert.Equal(SegmentRuleJson.Serialize(Nested), SegmentRuleJson.Serialize(back));
    }

    [Fact]
    public void Errors_land_on_the_node_at_their_path_and_an_unpicked_field_asks_for_one()
    {
        var root = RuleTree.FromRule(Nested);
        var inner = (RuleGroupNode)root.Children[1];
        ((RuleConditionNode)inner.Children[0]).Value = null;
        inner.Children.Add(new RuleConditionNode());

        var errors = RuleTree.Validate(root);

        Assert.Equal(["rules[1].rules[0]", "rules[1].rules[2]"], errors.Keys.Order());
        Assert.Equal(["Enter a value."], errors["rules[1].rules[0]"]);
        Assert.Equal([RuleTree.MissingFieldMessage], errors["rules[1].rules[2]"]);
        Assert.Same(inner.Children[2], RuleTree.Find(root, "rules[1].rules[2]"));
    }

    [Fact]
    public void The_services_rule_errors_are_keyed_like_the_editors_and_other_fields_are_left_out()
    {
        var errors = RuleTree.FromServiceErrors(new Dictionary<string, string[]>
        {
            ["Name"] = ["Give the segment a name."], ["rule"] = ["A segment needs a rule."], ["rule.rules[1].rules[0]"] = ["Enter a value."],
        });

        Assert.Equal(["", "rules[1].rules[0]"], errors.Keys.Order());
    }

    [Fact]
    public void Changing_the_field_keeps_what_still_fits_and_resets_the_rest()
    {
        var node = new RuleConditionNode();
        node.ChangeField(SegmentField.OrderCount);
        Assert.Equal(ConditionOperator.GreaterThanOrEqual, node.Operator); // a fresh number condition reads "at least"
        node.Operator = ConditionOperator.Between;
        (node.Value, node.Max, node.WithinDays) = (2, 5, 90);

        node.ChangeField(SegmentField.LifetimeOrders);
        Assert.Equal((ConditionOperator.Between, 2m, 5m), (node.Operator, node.Value!.Value, node.Max!.Value));
        Assert.Null(node.WithinDays); // lifetime orders take no window

        node.ChangeField(SegmentField.City);
        Assert.Equal(ConditionOperator.In, node.Operator);
        Assert.Null(node.Value);

        node.ChangeField(SegmentField.ViewedProduct);
        Assert.Equal((ConditionOperator.Is, RuleConditionNode.DefaultWindowDays), (node.Operator, node.WithinDays!.Value));
    }
}
