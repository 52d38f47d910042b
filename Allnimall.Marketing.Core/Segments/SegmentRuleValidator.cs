using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>Checks a rule tree before it is saved, previewed or compiled; one message per faulty node.</summary>
public static class SegmentRuleValidator
{
    public const int MaxDepth = 5;
    public const int MaxConditions = 50;
    public const int MaxValues = 200;
    public const int MaxWindowDays = 3650;

    public static IReadOnlyList<SegmentRuleError> Validate(SegmentRule? rule)
    {
        var errors = new List<SegmentRuleError>();
        if (rule is null)
        {
            errors.Add(new("", "A segment needs a rule."));
            return errors;
        }
        var conditions = 0;
        Visit(rule, "", 1, errors, ref conditions);
        if (conditions > MaxConditions) errors.Add(new("", $"A rule may hold at most {MaxConditions} conditions."));
        return errors;
    }

    private static void Visit(SegmentRule rule, string path, int depth, List<SegmentRuleError> errors, ref int conditions)
    {
        switch (rule)
        {
            case SegmentRuleGroup group:
                if (depth > MaxDepth) errors.Add(new(path, $"Groups can be nested at most {MaxDepth} levels deep."));
                if (!Enum.IsDefined(group.Combinator)) errors.Add(new(path, "A group joins its rules with AND or OR."));
                if (group.Rules is null || group.Rules.Count == 0)
                {
                    errors.Add(new(path, "This group is empty: add a condition or remove the group."));
                    return;
                }
                for (var i = 0; i < group.Rules.Count; i++)
                {
                    var child = group.Rules[i];
                    var childPath = $"{path}{(path.Length == 0 ? "" : ".")}rules[{i}]";
                    if (child is null) errors.Add(new(childPath, "Missing rule."));
                    else Visit(child, childPath, depth + 1, errors, ref conditions);
                }
                break;
            case SegmentCondition condition:
                conditions++;
                foreach (var message in ValidateCondition(condition)) errors.Add(new(path, message));
                break;
        }
    }

    public static IEnumerable<string> ValidateCondition(SegmentCondition c)
    {
        if (!SegmentFieldCatalog.TryGet(c.Field, out var field))
        {
            yield return "Unknown field.";
            yield break;
        }
        if (!field.Operators.Contains(c.Operator))
        {
            yield return $"\"{OperatorText(c.Operator)}\" does not apply to {field.Label.ToLowerInvariant()}.";
            yield break;
        }
        foreach (var message in ValidateValue(c, field)) yield return message;
        foreach (var message in ValidateWindow(c, field)) yield return message;
        if (field.Reference is ReferenceKind.Product or ReferenceKind.Category && c.ReferenceId is null)
            yield return $"Choose a {field.Reference.ToString().ToLowerInvariant()}.";
    }

    private static IEnumerable<string> ValidateValue(SegmentCondition c, SegmentFieldInfo field)
    {
        switch (field.Kind)
        {
            case FieldValueKind.Number or FieldValueKind.Money or FieldValueKind.Score:
                if (c.Value is null) { yield return "Enter a value."; yield break; }
                if (c.Operator == ConditionOperator.Between)
                {
                    if (c.Max is null) { yield return "Enter both ends of the range."; yield break; }
                    if (c.Value > c.Max) yield return "The minimum is larger than the maximum.";
                }
                foreach (var bound in new[] { c.Value, c.Operator == ConditionOperator.Between ? c.Max : null }.OfType<decimal>())
                {
                    if (bound < 0) yield return "Values cannot be negative.";
                    if (field.Kind == FieldValueKind.Score && (bound < 1 || bound > 5 || bound != decimal.Truncate(bound)))
                        yield return "RFM scores are whole numbers from 1 to 5.";
                    if (field.Field is SegmentField.Age or SegmentField.OrderCount or SegmentField.LifetimeOrders or SegmentField.DaysSinceLastOrder
                        && bound != decimal.Truncate(bound))
                        yield return $"{field.Label} is a whole number.";
                    if (field.Field == SegmentField.Age && bound > 130) yield return "Ages go up to 130.";
                    if (field.Field == SegmentField.DaysSinceLastOrder && bound > MaxWindowDays * 10) yield return $"At most {MaxWindowDays * 10} days.";
                    if (bound > 1_000_000_000_000m) yield return "That value is too large.";
                }
                break;
            case FieldValueKind.Text or FieldValueKind.RfmGroup:
                if (c.Values is null || c.Values.Count == 0) { yield return "Pick at least one value."; yield break; }
                if (c.Values.Count > MaxValues) yield return $"Pick at most {MaxValues} values.";
                if (c.Values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 100)) yield return "Values must be 1 to 100 characters.";
                var unknown = c.Field switch
                {
                    SegmentField.Gender => Unknown<Gender>(c.Values),
                    SegmentField.IncomeBand => Unknown<IncomeBand>(c.Values),
                    SegmentField.RfmGroup => Unknown<RfmGroup>(c.Values),
                    _ => [],
                };
                if (unknown.Count > 0) yield return $"Unknown value(s): {string.Join(", ", unknown)}.";
                break;
        }
    }

    private static IEnumerable<string> ValidateWindow(SegmentCondition c, SegmentFieldInfo field)
    {
        if (c.WithinDays is { } days)
        {
            if (field.Window == WindowSupport.None) yield return $"{field.Label} does not take a time window.";
            else if (days <= 0) yield return "The number of days must be at least 1.";
            else if (days > MaxWindowDays) yield return $"The window can be at most {MaxWindowDays} days.";
        }
        else if (field.Window == WindowSupport.Required)
        {
            yield return "Enter the number of days to look back.";
        }
    }

    private static List<string> Unknown<TEnum>(IEnumerable<string> values) where TEnum : struct, Enum
    {
        var known = Enum.GetValues<TEnum>().Select(v => SnakeCaseEnumConverter<TEnum>.ToDbValue(v)).ToHashSet();
        return values.Where(v => !known.Contains(SnakeCaseEnumConverter<TEnum>.ToSnake(v.Trim()))).ToList();
    }

    public static string OperatorText(ConditionOperator op) => op switch
    {
        ConditionOperator.Equal => "is",
        ConditionOperator.NotEqual => "is not",
        ConditionOperator.LessThan => "less than",
        ConditionOperator.LessThanOrEqual => "at most",
        ConditionOperator.GreaterThan => "more than",
        ConditionOperator.GreaterThanOrEqual => "at least",
        ConditionOperator.Between => "between",
        ConditionOperator.In => "is one of",
        ConditionOperator.NotIn => "is none of",
        ConditionOperator.Is => "yes",
        ConditionOperator.IsNot => "no",
        _ => op.ToString(),
    };
}
