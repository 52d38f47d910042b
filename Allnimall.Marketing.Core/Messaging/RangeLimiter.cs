using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// Wraps every <c>(a..b)</c> range so it refuses more than <paramref name="maxLength"/> items. Fluid materialises a
/// range as an array before the step counter sees a single iteration: <c>(1..100000000)</c> allocated about 4.8 GB and
/// took seconds before MaxSteps stopped the loop.
/// </summary>
internal sealed class RangeLimiter(int maxLength) : AstRewriter
{
    protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
        new BoundedRangeExpression((RangeExpression)base.VisitRangeExpression(rangeExpression), maxLength);

    /// <summary>Not a RangeExpression on purpose, so ForStatement evaluates it like any other source.</summary>
    private sealed class BoundedRangeExpression(RangeExpression range, int maxLength) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
            if (Math.Abs(Math.Truncate(to) - Math.Truncate(from)) >= maxLength)
                throw new TemplateRenderException($"A range has more than {maxLength:N0} items; the template would run too long.");
            return await range.EvaluateAsync(context);
        }
    }
}
