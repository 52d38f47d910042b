using System.Linq.Expressions;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Tracking;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>
/// Compiles a validated rule tree into one predicate over customers that EF Core translates to a single SQL query on
/// both providers. Every user-supplied value is captured in a closure, so it reaches SQL as a parameter, never as text.
/// </summary>
public static class SegmentQueryBuilder
{
    private const double DaysPerMonth = 30.436875;

    public static Expression<Func<Customer, bool>> Build(SegmentRule rule, SegmentEvaluationContext context) => rule switch
    {
        SegmentRuleGroup group => Combine(group.Rules.Select(r => Build(r, context)).ToList(), group.Combinator),
        SegmentCondition condition => BuildCondition(condition, context),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>Does the rule need RFM cut points (so the caller computes them first)?</summary>
    public static bool UsesRfm(SegmentRule rule) => rule switch
    {
        SegmentRuleGroup group => group.Rules.Any(UsesRfm),
        SegmentCondition c => c.Field is SegmentField.RfmRecencyScore or SegmentField.RfmFrequencyScore
            or SegmentField.RfmMonetaryScore or SegmentField.RfmGroup,
        _ => false,
    };

    private static Expression<Func<Customer, bool>> BuildCondition(SegmentCondition c, SegmentEvaluationContext context)
    {
        var now = context.Now;
        var since = c.WithinDays is { } days ? now.AddDays(-days) : DateTime.MinValue;
        var db = context.Db;
        var id = c.ReferenceId;

        return c.Field switch
        {
            SegmentField.Age => AgeCondition(c, DateOnly.FromDateTime(now)),
            SegmentField.Gender => Membership(c, Parse<Gender>(c.Values!), g => (Expression<Func<Customer, bool>>)(x => g.Contains(x.Gender))),
            SegmentField.IncomeBand => Membership(c, Parse<IncomeBand>(c.Values!).Cast<IncomeBand?>().ToList(),
                bands => (Expression<Func<Customer, bool>>)(x => bands.Contains(x.IncomeBand))),
            // Place columns compare without case in both databases (see MarketingDbContext), so the index on city serves.
            SegmentField.City => Membership(c, Trimmed(c.Values!), v => (Expression<Func<Customer, bool>>)(x => v.Contains(x.City!))),
            SegmentField.Region => Membership(c, Trimmed(c.Values!), v => (Expression<Func<Customer, bool>>)(x => v.Contains(x.Region!))),
            SegmentField.Country => Membership(c, Trimmed(c.Values!), v => (Expression<Func<Customer, bool>>)(x => v.Contains(x.Country!))),

            SegmentField.Joined => Truth(c, x => x.CreatedAt >= since),

            SegmentField.OrderCount or SegmentField.LifetimeOrders => Compare(c,
                x => x.Orders.Count(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded && o.PlacedAt >= since)),
            SegmentField.TotalSpend or SegmentField.LifetimeSpend => Compare(c,
                x => x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded && o.PlacedAt >= since).Sum(o => o.Total)),
            SegmentField.AverageOrderValue => Compare(c,
                x => x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded && o.PlacedAt >= since).Average(o => (decimal?)o.Total)),
            SegmentField.DaysSinceLastOrder => DaysSinceLastOrder(c, now),
            SegmentField.PurchaseFrequency => Compare(c, x =>
                x.Orders.Count(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
                / (MarketingDbFunctions.DaysBetween(x.CreatedAt, now) < DaysPerMonth ? 1.0 : MarketingDbFunctions.DaysBetween(x.CreatedAt, now) / DaysPerMonth)),

            SegmentField.BoughtProduct => Truth(c, x => x.Orders.Any(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded
                && o.PlacedAt >= since && o.Items.Any(i => i.ProductId == id))),
            SegmentField.BoughtCategory => Truth(c, x => x.Orders.Any(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded
                && o.PlacedAt >= since && o.Items.Any(i => i.Product!.CategoryId == id))),
            SegmentField.ViewedProduct => Truth(c, x => db.BrowsingEvents.Any(e => e.CustomerId == x.Id && e.ProductId == id && e.ViewedAt >= since)),
            SegmentField.ViewedCategory => Truth(c, x => db.BrowsingEvents.Any(e => e.CustomerId == x.Id
                && (e.CategoryId == id || e.Product!.CategoryId == id) && e.ViewedAt >= since)),
            SegmentField.ViewedProductNotBought => Truth(c, x =>
                db.BrowsingEvents.Any(e => e.CustomerId == x.Id && e.ProductId == id && e.ViewedAt >= since)
                && !x.Orders.Any(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded
                    && o.PlacedAt >= since && o.Items.Any(i => i.ProductId == id))),
            SegmentField.ViewedCategoryNotBought => Truth(c, x =>
                db.BrowsingEvents.Any(e => e.CustomerId == x.Id && (e.CategoryId == id || e.Product!.CategoryId == id) && e.ViewedAt >= since)
                && !x.Orders.Any(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded
                    && o.PlacedAt >= since && o.Items.Any(i => i.Product!.CategoryId == id))),

            SegmentField.OpenedEmail => Truth(c, Engaged(db, EngagementTypes.EmailOpen, id, since)),
            SegmentField.ClickedEmail => Truth(c, Engaged(db, EngagementTypes.EmailClick, id, since)),
            SegmentField.ReceivedEmailNotOpened => Truth(c, ReceivedNotOpened(db, id, since)),
            SegmentField.UnsubscribedEmail => Truth(c, Engaged(db, EngagementTypes.EmailUnsubscribe, null, since)),
            SegmentField.UnsubscribedSms => Truth(c, Engaged(db, EngagementTypes.SmsUnsubscribe, null, since)),

            SegmentField.RfmRecencyScore => Rfm(c, RecencyScore(context.Rfm)),
            SegmentField.RfmFrequencyScore => Rfm(c, FrequencyScore(context.Rfm)),
            SegmentField.RfmMonetaryScore => Rfm(c, MonetaryScore(context.Rfm)),
            SegmentField.RfmGroup => RfmGroupCondition(c, context.Rfm),

            SegmentField.EmailConsent => Truth(c, x => x.EmailConsent),
            SegmentField.SmsConsent => Truth(c, x => x.SmsConsent),
            SegmentField.Active => Truth(c, x => x.IsActive),
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Field, "Unknown segment field"),
        };
    }

    // Age at evaluation time, from the birth date: age >= n  <=>  born on or before today minus n years.
    private static Expression<Func<Customer, bool>> AgeCondition(SegmentCondition c, DateOnly today)
    {
        Expression<Func<Customer, bool>> AtLeast(int years)
        {
            var bornBy = today.AddYears(-years);
            return x => x.BirthDate != null && x.BirthDate <= bornBy;
        }
        Expression<Func<Customer, bool>> AtMost(int years)
        {
            var bornAfter = today.AddYears(-(years + 1));
            return x => x.BirthDate != null && x.BirthDate > bornAfter;
        }
        var n = (int)c.Value!.Value;
        return c.Operator switch
        {
            ConditionOperator.GreaterThanOrEqual => AtLeast(n),
            ConditionOperator.GreaterThan => AtLeast(n + 1),
            ConditionOperator.LessThanOrEqual => AtMost(n),
            ConditionOperator.LessThan => AtMost(n - 1),
            ConditionOperator.Equal => And(AtLeast(n), AtMost(n)),
            ConditionOperator.NotEqual => Or(AtLeast(n + 1), AtMost(n - 1)),
            ConditionOperator.Between => And(AtLeast(n), AtMost((int)c.Max!.Value)),
            _ => throw Unsupported(c),
        };
    }

    // Days since the last (non-cancelled) order; customers who never ordered match no comparison.
    private static Expression<Func<Customer, bool>> DaysSinceLastOrder(SegmentCondition c, DateTime now)
    {
        Expression<Func<Customer, bool>> AtLeast(decimal days)
        {
            var cutoff = now.AddDays(-(double)days);
            return x => x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
                .Max(o => (DateTime?)o.PlacedAt) <= cutoff;
        }
        Expression<Func<Customer, bool>> LessThan(decimal days)
        {
            var cutoff = now.AddDays(-(double)days);
            return x => x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
                .Max(o => (DateTime?)o.PlacedAt) > cutoff;
        }
        var n = c.Value!.Value;
        return c.Operator switch
        {
            ConditionOperator.GreaterThanOrEqual => AtLeast(n),
            ConditionOperator.GreaterThan => AtLeast(n + 1),
            ConditionOperator.LessThan => LessThan(n),
            ConditionOperator.LessThanOrEqual => LessThan(n + 1),
            ConditionOperator.Equal => And(AtLeast(n), LessThan(n + 1)),
            ConditionOperator.NotEqual => Or(AtLeast(n + 1), LessThan(n)),
            ConditionOperator.Between => And(AtLeast(n), LessThan(c.Max!.Value + 1)),
            _ => throw Unsupported(c),
        };
    }

    private static Expression<Func<Customer, bool>> Engaged(MarketingDbContext db, string type, Guid? campaignId, DateTime since) =>
        campaignId is { } campaign
            ? x => db.CustomerEngagement.Any(e => e.CustomerId == x.Id && e.EngagementType == type && e.CampaignId == campaign && e.EngagementDate >= since)
            : x => db.CustomerEngagement.Any(e => e.CustomerId == x.Id && e.EngagementType == type && e.EngagementDate >= since);

    // Received an email in the window (of the campaign, if given) and opened none of those campaigns' emails since.
    private static Expression<Func<Customer, bool>> ReceivedNotOpened(MarketingDbContext db, Guid? campaignId, DateTime since) =>
        campaignId is { } campaign
            ? And(Engaged(db, EngagementTypes.EmailSent, campaign, since), Not(Engaged(db, EngagementTypes.EmailOpen, campaign, since)))
            : And(Engaged(db, EngagementTypes.EmailSent, null, since), Not(Engaged(db, EngagementTypes.EmailOpen, null, since)));

    // Scores count how many quintile cut points a customer's value reaches: 1 (lowest fifth) to 5 (top fifth).
    private static Expression<Func<Customer, int>> RecencyScore(RfmThresholds rfm)
    {
        var t = Pad(rfm.LastOrderCuts, DateTime.MaxValue);
        var (t1, t2, t3, t4) = (t[0], t[1], t[2], t[3]);
        return x => 1
            + (x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded).Max(o => (DateTime?)o.PlacedAt) >= t1 ? 1 : 0)
            + (x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded).Max(o => (DateTime?)o.PlacedAt) >= t2 ? 1 : 0)
            + (x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded).Max(o => (DateTime?)o.PlacedAt) >= t3 ? 1 : 0)
            + (x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded).Max(o => (DateTime?)o.PlacedAt) >= t4 ? 1 : 0);
    }

    private static Expression<Func<Customer, int>> FrequencyScore(RfmThresholds rfm)
    {
        var t = Pad(rfm.OrderCountCuts, int.MaxValue);
        var (t1, t2, t3, t4) = (t[0], t[1], t[2], t[3]);
        return x => 1
            + (x.Orders.Count(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded) >= t1 ? 1 : 0)
            + (x.Orders.Count(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded) >= t2 ? 1 : 0)
            + (x.Orders.Count(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded) >= t3 ? 1 : 0)
            + (x.Orders.Count(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded) >= t4 ? 1 : 0);
    }

    private static Expression<Func<Customer, int>> MonetaryScore(RfmThresholds rfm)
    {
        var t = Pad(rfm.SpendCuts, decimal.MaxValue);
        var (t1, t2, t3, t4) = (t[0], t[1], t[2], t[3]);
        return x => 1
            + (x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded).Sum(o => o.Total) >= t1 ? 1 : 0)
            + (x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded).Sum(o => o.Total) >= t2 ? 1 : 0)
            + (x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded).Sum(o => o.Total) >= t3 ? 1 : 0)
            + (x.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded).Sum(o => o.Total) >= t4 ? 1 : 0);
    }

    private static readonly Expression<Func<Customer, bool>> IsBuyer =
        x => x.Orders.Any(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded);

    // Only customers with an order have RFM scores.
    private static Expression<Func<Customer, bool>> Rfm(SegmentCondition c, Expression<Func<Customer, int>> score) =>
        And(IsBuyer, Compare(c, score));

    private static Expression<Func<Customer, bool>> RfmGroupCondition(SegmentCondition c, RfmThresholds rfm)
    {
        var groups = Parse<RfmGroup>(c.Values!).ToHashSet();
        // Each (R, F) cell of the grid as R*10+F, so that membership is one IN over one computed value.
        var cells = (from r in Enumerable.Range(1, 5) from f in Enumerable.Range(1, 5)
                     where groups.Contains(RfmGroups.Classify(r, f)) select r * 10 + f).ToList();
        var cellOf = Lift<int, int, int>(RecencyScore(rfm), FrequencyScore(rfm), (r, f) =>
            Expression.Add(Expression.Multiply(r, Expression.Constant(10)), f));
        var inCells = ReplaceBody(cellOf, body => Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Contains), [typeof(int)], Expression.Constant(cells), body));
        var membership = c.Operator == ConditionOperator.In ? inCells : Not(inCells);
        return And(IsBuyer, membership);
    }

    private static Expression<Func<Customer, bool>> Compare<T>(SegmentCondition c, Expression<Func<Customer, T>> selector)
    {
        var value = Convert<T>(c.Value!.Value);
        return c.Operator switch
        {
            ConditionOperator.Equal => ReplaceBody(selector, b => Expression.Equal(b, Operand<T>(value))),
            ConditionOperator.NotEqual => ReplaceBody(selector, b => Expression.NotEqual(b, Operand<T>(value))),
            ConditionOperator.LessThan => ReplaceBody(selector, b => Expression.LessThan(b, Operand<T>(value))),
            ConditionOperator.LessThanOrEqual => ReplaceBody(selector, b => Expression.LessThanOrEqual(b, Operand<T>(value))),
            ConditionOperator.GreaterThan => ReplaceBody(selector, b => Expression.GreaterThan(b, Operand<T>(value))),
            ConditionOperator.GreaterThanOrEqual => ReplaceBody(selector, b => Expression.GreaterThanOrEqual(b, Operand<T>(value))),
            ConditionOperator.Between => ReplaceBody(selector, b => Expression.AndAlso(
                Expression.GreaterThanOrEqual(b, Operand<T>(value)), Expression.LessThanOrEqual(b, Operand<T>(Convert<T>(c.Max!.Value))))),
            _ => throw Unsupported(c),
        };
    }

    private static Expression<Func<Customer, bool>> Truth(SegmentCondition c, Expression<Func<Customer, bool>> predicate) =>
        c.Operator switch
        {
            ConditionOperator.Is => predicate,
            ConditionOperator.IsNot => Not(predicate),
            _ => throw Unsupported(c),
        };

    private static Expression<Func<Customer, bool>> Membership<TValue>(
        SegmentCondition c, TValue values, Func<TValue, Expression<Func<Customer, bool>>> contains) =>
        c.Operator switch
        {
            ConditionOperator.In => contains(values),
            ConditionOperator.NotIn => Not(contains(values)),
            _ => throw Unsupported(c),
        };

    /// <summary>
    /// The compared value as a closure member, so that EF Core sends it as a parameter (a plain constant would be
    /// inlined into the SQL text).
    /// </summary>
    private static Expression Operand<T>(T value)
    {
        var box = new ValueBox<T>(value);
        var member = Expression.Field(Expression.Constant(box), nameof(ValueBox<T>.Value));
        return Nullable.GetUnderlyingType(typeof(T)) is null ? member : Expression.Convert(member, typeof(T));
    }

    private sealed class ValueBox<T>(T value)
    {
        public readonly T Value = value;
    }

    private static T Convert<T>(decimal value)
    {
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<TEnum> Parse<TEnum>(IEnumerable<string> values) where TEnum : struct, Enum =>
        values.Select(v => SnakeCaseEnumConverter<TEnum>.FromDbValue(SnakeCaseEnumConverter<TEnum>.ToSnake(v.Trim()))).ToList();

    private static List<string> Trimmed(IEnumerable<string> values) => values.Select(v => v.Trim()).ToList();

    private static T[] Pad<T>(T[] cuts, T missing) => cuts.Length == 4 ? cuts : [missing, missing, missing, missing];

    private static InvalidOperationException Unsupported(SegmentCondition c) =>
        new($"Operator {c.Operator} does not apply to {c.Field}; validate rules before building them.");

    // --- expression plumbing: combine lambdas over one shared parameter ---

    private static Expression<Func<Customer, bool>> Combine(IReadOnlyList<Expression<Func<Customer, bool>>> parts, RuleCombinator combinator) =>
        parts.Aggregate((left, right) => combinator == RuleCombinator.And ? And(left, right) : Or(left, right));

    private static Expression<Func<Customer, bool>> And(Expression<Func<Customer, bool>> a, Expression<Func<Customer, bool>> b) =>
        Lift<bool, bool, bool>(a, b, Expression.AndAlso);

    private static Expression<Func<Customer, bool>> Or(Expression<Func<Customer, bool>> a, Expression<Func<Customer, bool>> b) =>
        Lift<bool, bool, bool>(a, b, Expression.OrElse);

    private static Expression<Func<Customer, bool>> Not(Expression<Func<Customer, bool>> a) => ReplaceBody(a, Expression.Not);

    private static Expression<Func<Customer, TResult>> Lift<T1, T2, TResult>(
        Expression<Func<Customer, T1>> a, Expression<Func<Customer, T2>> b, Func<Expression, Expression, Expression> combine)
    {
        var parameter = a.Parameters[0];
        var rightBody = new ParameterReplacer(b.Parameters[0], parameter).Visit(b.Body);
        return Expression.Lambda<Func<Customer, TResult>>(combine(a.Body, rightBody), parameter);
    }

    private static Expression<Func<Customer, TResult>> ReplaceBody<T, TResult>(Expression<Func<Customer, T>> source, Func<Expression, Expression> body) =>
        Expression.Lambda<Func<Customer, TResult>>(body(source.Body), source.Parameters);

    private static Expression<Func<Customer, bool>> ReplaceBody<T>(Expression<Func<Customer, T>> source, Func<Expression, Expression> body) =>
        ReplaceBody<T, bool>(source, body);

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
