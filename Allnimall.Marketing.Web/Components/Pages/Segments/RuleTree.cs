using Allnimall.Marketing.Core.Segments;

namespace Allnimall.Marketing.Web.Components.Pages.Segments;

/// <summary>
/// Converts between the editor's nodes and <see cref="SegmentRule"/>, and places validation errors on nodes by path
/// (<c>rules[1].rules[0]</c>, the validator's and the service's shape; the service prefixes <c>rule.</c>).
/// </summary>
public static class RuleTree
{
    public const string MissingFieldMessage = "Choose what to filter on.";

    /// <summary>Stands in for an unpicked field so the validator still walks every node and paths stay aligned.</summary>
    private const SegmentField Unpicked = (SegmentField)(-1);

    public static RuleGroupNode FromRule(SegmentRule? rule)
    {
        switch (rule)
        {
            case SegmentRuleGroup group:
                var node = new RuleGroupNode { Combinator = group.Combinator, Touched = true };
                node.Children.AddRange(group.Rules.Select(FromChild));
                return node;
            case SegmentCondition condition:
                // A bare condition at the top (possible through the API) becomes a one-condition group.
                var root = new RuleGroupNode();
                root.Children.Add(RuleConditionNode.From(condition));
                return root;
            default:
                return new RuleGroupNode();
        }
    }

    private static RuleNode FromChild(SegmentRule rule) =>
        rule is SegmentCondition condition ? RuleConditionNode.From(condition) : FromRule(rule);

    public static SegmentRule ToRule(RuleNode node) => node switch
    {
        RuleGroupNode group => new SegmentRuleGroup { Combinator = group.Combinator, Rules = group.Children.Select(ToRule).ToList() },
        RuleConditionNode condition => ToCondition(condition),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static SegmentCondition ToCondition(RuleConditionNode node)
    {
        if (node.Info is not { } info) return new SegmentCondition { Field = Unpicked, Operator = node.Operator };
        var numeric = info.Kind is FieldValueKind.Number or FieldValueKind.Money or FieldValueKind.Score;
        var list = info.Kind is FieldValueKind.Text or FieldValueKind.RfmGroup;
        return new SegmentCondition
        {
            Field = info.Field,
            Operator = node.Operator,
            Value = numeric ? node.Value : null,
            Max = numeric && node.Operator == ConditionOperator.Between ? node.Max : null,
            Values = list ? node.Values.ToList() : null,
            ReferenceId = info.Reference == ReferenceKind.None ? null : node.ReferenceId,
            WithinDays = info.Window == WindowSupport.None ? null : node.WithinDays,
        };
    }

    /// <summary>Every problem in the tree, keyed by node path ("" is the top group).</summary>
    public static Dictionary<string, string[]> Validate(RuleGroupNode root)
    {
        var errors = SegmentRuleValidator.Validate(ToRule(root))
            .GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        foreach (var (path, node) in Walk(root))
            if (node is RuleConditionNode { Field: null }) errors[path] = [MissingFieldMessage];
        return errors;
    }

    /// <summary>The service's errors (<c>rule</c>, <c>rule.rules[0]</c>…) keyed like <see cref="Validate"/>.</summary>
    public static Dictionary<string, string[]> FromServiceErrors(IReadOnlyDictionary<string, string[]> errors) =>
        errors.Where(e => e.Key == "rule" || e.Key.StartsWith("rule.", StringComparison.Ordinal))
            .ToDictionary(e => e.Key == "rule" ? "" : e.Key["rule.".Length..], e => e.Value);

    /// <summary>Every node with its path, the top group first.</summary>
    public static IEnumerable<(string Path, RuleNode Node)> Walk(RuleNode node, string path = "")
    {
        yield return (path, node);
        if (node is not RuleGroupNode group) yield break;
        for (var i = 0; i < group.Children.Count; i++)
            foreach (var descendant in Walk(group.Children[i], ChildPath(path, i)))
                yield return descendant;
    }

    public static string ChildPath(string parent, int index) => parent.Length == 0 ? $"rules[{index}]" : $"{parent}.rules[{index}]";

    public static RuleNode? Find(RuleGroupNode root, string path) => Walk(root).FirstOrDefault(n => n.Path == path).Node;

    public static void TouchAll(RuleNode root)
    {
        foreach (var (_, node) in Walk(root)) node.Touched = true;
    }
}
