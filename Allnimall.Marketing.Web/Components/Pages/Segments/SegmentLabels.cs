using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;

namespace Allnimall.Marketing.Web.Components.Pages.Segments;

/// <summary>What the rule builder shows for fields, operators and enum values (which are stored as snake_case).</summary>
public static partial class SegmentLabels
{
    public static string Group(FieldGroup group) => group switch
    {
        FieldGroup.Demographic => "Who they are",
        FieldGroup.Purchases => "Purchases",
        FieldGroup.Browsing => "Browsing",
        FieldGroup.Engagement => "Email engagement",
        FieldGroup.Value => "Customer value",
        FieldGroup.Reachability => "Reachability",
        _ => group.ToString(),
    };

    /// <summary>Operator labels; yes/no reads better than "is"/"is not" for events and flags.</summary>
    public static string Operator(SegmentFieldInfo? field, ConditionOperator op) => (field?.Kind, op) switch
    {
        (FieldValueKind.Event, ConditionOperator.Is) => "yes",
        (FieldValueKind.Event, ConditionOperator.IsNot) => "no",
        _ => SegmentRuleValidator.OperatorText(op),
    };

    /// <summary>The choices of a list field whose values are an enum: (stored value, label).</summary>
    public static IReadOnlyList<(string Value, string Label)> EnumChoices(SegmentField field) => field switch
    {
        SegmentField.Gender => Choices<Gender>(),
        SegmentField.IncomeBand => Choices<IncomeBand>(),
        SegmentField.RfmGroup => Choices<RfmGroup>(),
        _ => [],
    };

    private static List<(string, string)> Choices<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => (SnakeCaseEnumConverter<TEnum>.ToDbValue(v), Words(v.ToString()))).ToList();

    /// <summary>"LowerMiddle" → "Lower middle".</summary>
    public static string Words(string pascal)
    {
        var spaced = WordBoundary().Replace(pascal, " $1").ToLowerInvariant();
        return char.ToUpperInvariant(spaced[0]) + spaced[1..];
    }

    public static string Window(SegmentFieldInfo field) => field.Window == WindowSupport.Required ? "In the last" : "When";

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex WordBoundary();
}
