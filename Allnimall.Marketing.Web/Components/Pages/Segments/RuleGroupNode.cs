using Allnimall.Marketing.Core.Segments;

namespace Allnimall.Marketing.Web.Components.Pages.Segments;

public sealed class RuleGroupNode : RuleNode
{
    public RuleCombinator Combinator { get; set; } = RuleCombinator.And;
    public List<RuleNode> Children { get; } = [];
}
