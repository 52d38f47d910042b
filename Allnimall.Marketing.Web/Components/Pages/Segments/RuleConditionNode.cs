using Allnimall.Marketing.Core.Segments;

namespace Allnimall.Marketing.Web.Components.Pages.Segments;

public sealed class RuleConditionNode : RuleNode
{
    /// <summary>Null until the user picks what to filter on.</summary>
    public SegmentField? Field { get; private set; }
    public ConditionOperator Operator { get; set; }
    public decimal? Value { get; set; }
    public decimal? Max { get; set; }
    public IReadOnlyList<string> Values { get; set; } = [];
    public Guid? ReferenceId { get; set; }
    public int? WithinDays { get; set; }

    public SegmentFieldInfo? Info => Field is { } picked ? SegmentFieldCatalog.Get(picked) : null;

    /// <summary>Switches the field and resets what no longer fits it, keeping values that still make sense.</summary>
    public void ChangeField(SegmentField field)
    {
        if (Field == field) return;
        var before = Info;
        Field = field;
        var info = SegmentFieldCatalog.Get(field);
        if (before is null || !info.Operators.Contains(Operator)) Operator = DefaultOperator(info);
        if (before?.Kind != info.Kind || before.Field is SegmentField.City or SegmentField.Region or SegmentField.Country
            or SegmentField.Gender or SegmentField.IncomeBand)
        {
            (Value, Max, Values) = (null, null, []);
        }
        if (before?.Reference != info.Reference) ReferenceId = null;
        WithinDays = info.Window switch
        {
            WindowSupport.None => null,
            WindowSupport.Required => WithinDays ?? DefaultWindowDays,
            _ => WithinDays,
        };
    }

    public const int DefaultWindowDays = 30;

    /// <summary>The operator a fresh condition starts with: "at least" for numbers, "is one of" for lists, "yes" for events.</summary>
    public static ConditionOperator DefaultOperator(SegmentFieldInfo info) => info.Kind switch
    {
        FieldValueKind.Number or FieldValueKind.Money or FieldValueKind.Score when info.Operators.Contains(ConditionOperator.GreaterThanOrEqual)
            => ConditionOperator.GreaterThanOrEqual,
        FieldValueKind.Text or FieldValueKind.RfmGroup when info.Operators.Contains(ConditionOperator.In) => ConditionOperator.In,
        _ => info.Operators[0],
    };

    /// <summary>Builds a node from a saved condition (fields the catalog does not know stay unpicked).</summary>
    public static RuleConditionNode From(SegmentCondition condition)
    {
        var node = new RuleConditionNode
        {
            Operator = condition.Operator, Value = condition.Value, Max = condition.Max, Values = condition.Values ?? [],
            ReferenceId = condition.ReferenceId, WithinDays = condition.WithinDays, Touched = true,
        };
        if (SegmentFieldCatalog.TryGet(condition.Field, out _)) node.Field = condition.Field;
        return node;
    }
}
