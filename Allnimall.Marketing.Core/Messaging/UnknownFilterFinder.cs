using Fluid;
using Fluid.Ast;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>Walks a parsed template and collects filter names the options do not define (a typo renders nothing otherwise).</summary>
internal sealed class UnknownFilterFinder(TemplateOptions options) : AstVisitor
{
    public List<string> Unknown { get; } = [];

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!options.Filters.TryGetValue(filterExpression.Name, out _) && !Unknown.Contains(filterExpression.Name))
            Unknown.Add(filterExpression.Name);
        return base.VisitFilterExpression(filterExpression);
    }
}
