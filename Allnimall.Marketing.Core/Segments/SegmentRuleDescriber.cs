using System.Globalization;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>
/// Writes a rule in plain language, e.g. "Customers aged 25–40 in Jakarta with at least 3 orders in the last 180 days".
/// Names of referenced products, categories and campaigns come from <c>names</c>.
/// </summary>
public static class SegmentRuleDescriber
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static string Describe(SegmentRule rule, IReadOnlyDictionary<Guid, string>? names = null)
    {
        var text = Phrase(rule, names ?? new Dictionary<Guid, string>(), topLevel: true);
        return text.Length == 0 ? "All customers" : "Customers " + text;
    }

    private static string Phrase(SegmentRule rule, IReadOnlyDictionary<Guid, string> names, bool topLevel) => rule switch
    {
        SegmentRuleGroup { Rules.Count: 0 } => "",
        SegmentRuleGroup group => Join(group, names, topLevel),
        SegmentCondition condition => Condition(condition, names),
        _ => "",
    };

    private static string Join(SegmentRuleGroup group, IReadOnlyDictionary<Guid, string> names, bool topLevel)
    {
        var parts = group.Rules.Select(r => Phrase(r, names, topLevel: false)).Where(p => p.Length > 0).ToList();
        var joined = group.Combinator == RuleCombinator.And && topLevel
            ? string.Join(" ", parts.Select((p, i) => i == 0 || StartsWithPreposition(p) ? p : "and " + p))
            : string.Join(group.Combinator == RuleCombinator.And ? " and " : " or ", parts);
        return topLevel || parts.Count == 1 ? joined : $"({joined})";
    }

    private static bool StartsWithPreposition(string phrase) =>
        phrase.StartsWith("in ", StringComparison.Ordinal) || phrase.StartsWith("with ", StringComparison.Ordinal)
        || phrase.StartsWith("aged ", StringComparison.Ordinal) || phrase.StartsWith("who ", StringComparison.Ordinal)
        || phrase.StartsWith("whose ", StringComparison.Ordinal);

    private static string Condition(SegmentCondition c, IReadOnlyDictionary<Guid, string> names)
    {
        var window = c.WithinDays is { } d ? $" in the last {d} days" : "";
        var reference = c.ReferenceId is { } id ? names.GetValueOrDefault(id, "the chosen item") : null;
        var yes = c.Operator == ConditionOperator.Is;
        return c.Field switch
        {
            SegmentField.Age => "aged " + Range(c, "", ""),
            SegmentField.City or SegmentField.Region or SegmentField.Country =>
                (c.Operator == ConditionOperator.In ? "in " : "not in ") + List(c.Values),
            SegmentField.Gender => (c.Operator == ConditionOperator.In ? "whose gender is " : "whose gender is not ") + List(c.Values),
            SegmentField.IncomeBand => (c.Operator == ConditionOperator.In ? "with income " : "without income ") + List(c.Values),
            SegmentField.Joined => $"who {(yes ? "joined" : "did not join")}{window}",
            SegmentField.OrderCount or SegmentField.LifetimeOrders => $"with {Range(c, "", " orders")}{window}",
            SegmentField.TotalSpend or SegmentField.LifetimeSpend => $"with spend {Range(c, "Rp ", "")}{window}",
            SegmentField.AverageOrderValue => $"with average order {Range(c, "Rp ", "")}{window}",
            SegmentField.DaysSinceLastOrder => $"whose last order was {Range(c, "", " days")} ago",
            SegmentField.PurchaseFrequency => $"buying {Range(c, "", " times a month")}",
            SegmentField.BoughtProduct or SegmentField.BoughtCategory => $"who {(yes ? "bought" : "never bought")} {reference}{window}",
            SegmentField.ViewedProduct or SegmentField.ViewedCategory => $"who {(yes ? "viewed" : "did not view")} {reference}{window}",
            SegmentField.ViewedProductNotBought or SegmentField.ViewedCategoryNotBought =>
                $"who {(yes ? "viewed but did not buy" : "did not just browse")} {reference}{window}",
            SegmentField.OpenedEmail => $"who {(yes ? "opened" : "did not open")} {reference ?? "an email"}{window}",
            SegmentField.ClickedEmail => $"who {(yes ? "clicked" : "did not click")} {reference ?? "an email"}{window}",
            SegmentField.ReceivedEmailNotOpened => $"who {(yes ? "received but never opened" : "opened")} {reference ?? "an email"}{window}",
            SegmentField.UnsubscribedEmail => $"who {(yes ? "unsubscribed" : "did not unsubscribe")} from email{window}",
            SegmentField.UnsubscribedSms => $"who {(yes ? "unsubscribed" : "did not unsubscribe")} from SMS{window}",
            SegmentField.RfmRecencyScore => $"with recency score {Range(c, "", "")}",
            SegmentField.RfmFrequencyScore => $"with frequency score {Range(c, "", "")}",
            SegmentField.RfmMonetaryScore => $"with monetary score {Range(c, "", "")}",
            SegmentField.RfmGroup => (c.Operator == ConditionOperator.In ? "in RFM group " : "outside RFM group ") + List(c.Values),
            SegmentField.EmailConsent => yes ? "with email consent" : "without email consent",
            SegmentField.SmsConsent => yes ? "with SMS consent" : "without SMS consent",
            SegmentField.Active => yes ? "who are active" : "who are inactive",
            _ => c.Field.ToString(),
        };
    }

    private static string Range(SegmentCondition c, string prefix, string suffix)
    {
        string N(decimal? v) => prefix + (prefix.Length > 0 ? v?.ToString("N0", Indonesian) : v?.ToString("0.##", CultureInfo.InvariantCulture));
        return c.Operator switch
        {
            ConditionOperator.Between => $"{N(c.Value)}–{N(c.Max)}{suffix}",
            ConditionOperator.Equal => $"exactly {N(c.Value)}{suffix}",
            ConditionOperator.NotEqual => $"other than {N(c.Value)}{suffix}",
            ConditionOperator.LessThan => $"under {N(c.Value)}{suffix}",
            ConditionOperator.LessThanOrEqual => $"at most {N(c.Value)}{suffix}",
            ConditionOperator.GreaterThan => $"over {N(c.Value)}{suffix}",
            ConditionOperator.GreaterThanOrEqual => $"at least {N(c.Value)}{suffix}",
            _ => "",
        };
    }

    private static string List(IReadOnlyList<string>? values)
    {
        var items = (values ?? []).Select(Humanize).ToList();
        return items.Count switch
        {
            0 => "",
            1 => items[0],
            _ => string.Join(", ", items[..^1]) + " or " + items[^1],
        };
    }

    private static string Humanize(string value) =>
        value.Contains('_', StringComparison.Ordinal) ? value.Replace('_', ' ') : value;
}
