using System.Globalization;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// Prices a cart against a set of discounts. Pure: no database, "now" from the clock, money in <c>decimal</c>.
/// <para>Rounding: a line's total is quantity × unit price rounded once to the currency's minor unit; each discount's
/// amount on a line is computed exactly and rounded once to the minor unit (half away from zero). Amounts that are
/// spread over lines (a fixed amount, a maximum-discount cap) are split in proportion and rounded by the largest
/// remainder method, so the lines add up exactly to the amount. A discount never takes a line (or shipping) below
/// zero, so neither the order nor any line can be negative.</para>
/// <para>Combining: all applicable combinable discounts stack, in priority order (higher first), each on what the
/// earlier ones left. A non-combinable discount is never stacked: the engine compares each non-combinable discount on
/// its own with the stack of combinable ones and keeps whichever saves the customer more (on a tie the higher priority,
/// then the stack). At most one code per discount counts.</para>
/// <para>Buy X get Y: the qualifying units are pooled across lines; every group of X + Y units makes Y units
/// discounted by the get-percentage, and those are the cheapest qualifying units in the cart.</para>
/// </summary>
public sealed class DiscountCalculator(TimeProvider clock, CurrencyOptions currency)
{
    public CurrencyOptions Currency => currency;

    public PricingResult Evaluate(PricingCart cart, IReadOnlyList<DiscountRule> discounts, IReadOnlyDictionary<string, PresentedCode> codes)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lineTotals = cart.Lines.Select(l => currency.Round(Math.Max(0, l.Quantity) * Math.Max(0m, l.UnitPrice))).ToArray();
        var shipping = currency.Round(Math.Max(0m, cart.Shipping));
        var candidates = new List<Candidate>();
        var outcomes = new List<CodeOutcome>();

        foreach (var rule in discounts)
            if (rule.Method == DiscountMethod.Automatic && Qualify(rule, cart, lineTotals, shipping, now, out var covered) is null)
                candidates.Add(new Candidate(rule, null, covered));

        if (cart.Codes.Count > 0)
        {
            var byId = discounts.ToDictionary(d => d.Id);
            foreach (var code in cart.Codes.Select(Normalize).Where(c => c.Length > 0).Distinct())
            {
                var rejection = CheckCode(code, cart, byId, codes, candidates, lineTotals, shipping, now, out var candidate);
                if (rejection is { } r) outcomes.Add(new CodeOutcome(code, false, r.Kind, r.Reason));
                else candidates.Add(candidate!);
            }
        }

        var chosen = Choose(candidates, cart.Lines, lineTotals, shipping);
        var stackWon = chosen.All(c => c.Candidate.Rule.Combinable);
        var chosenRules = chosen.Select(c => c.Candidate.Rule.Id).ToHashSet();
        foreach (var lost in candidates.Where(c => c.Code is not null && !chosenRules.Contains(c.Rule.Id)))
            outcomes.Add(stackWon && lost.Rule.Combinable
                ? new CodeOutcome(lost.Code!.Code, false, CodeRejection.NothingToDiscount,
                    "Your other discounts already take everything off the items this code is for.")
                : new CodeOutcome(lost.Code!.Code, false, CodeRejection.NotCombinable,
                    "This code can't be combined with the other discounts on your order, which already save you more."));
        foreach (var applied in chosen.Where(c => c.Candidate.Code is not null))
            outcomes.Add(new CodeOutcome(applied.Candidate.Code!.Code, true, null, null));

        return Result(cart, lineTotals, shipping, chosen, OrderLike(cart.Codes, outcomes));
    }

    /// <summary>Upper case without surrounding spaces: codes are case-insensitive.</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>A discount that can apply, the code that brought it (if any) and the indexes of the lines it covers.</summary>
    private sealed record Candidate(DiscountRule Rule, PresentedCode? Code, int[] Lines);

    private sealed record Applied(Candidate Candidate, decimal[] LineAmounts, decimal ShippingAmount, decimal Total);

    private readonly record struct Rejection(CodeRejection Kind, string Reason);

    private Rejection? CheckCode(string code, PricingCart cart, Dictionary<Guid, DiscountRule> byId, IReadOnlyDictionary<string, PresentedCode> codes,
        List<Candidate> candidates, decimal[] lineTotals, decimal shipping, DateTime now, out Candidate? candidate)
    {
        candidate = null;
        if (!codes.TryGetValue(code, out var presented))
            return new(CodeRejection.Unknown, "We don't recognise this code. Check the spelling and try again.");
        if (presented.IsDisabled) return new(CodeRejection.Disabled, "This code is no longer valid.");
        if (!byId.TryGetValue(presented.DiscountId, out var rule)) return new(CodeRejection.Inactive, "This code is not active.");
        if (!presented.IsShared && presented.UsageCount >= 1) return new(CodeRejection.AlreadyUsed, "This code was already used.");
        if (candidates.Any(c => c.Rule.Id == rule.Id))
            return new(CodeRejection.DuplicateOffer, "Your order already has this offer; only one code per offer can be used.");
        if (Qualify(rule, cart, lineTotals, shipping, now, out var covered) is { } rejection) return rejection;
        candidate = new Candidate(rule, presented with { Code = code }, covered);
        return null;
    }

    /// <summary>Why the discount cannot apply to this cart, or null when it can.</summary>
    private Rejection? Qualify(DiscountRule rule, PricingCart cart, decimal[] lineTotals, decimal shipping, DateTime now, out int[] covered)
    {
        covered = [];
        if (!rule.IsActive) return new(CodeRejection.Inactive, "This code is not active.");
        if (rule.StartsAt is { } start && now < start)
            return new(CodeRejection.NotStarted, $"This code can be used from {start.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.");
        if (rule.EndsAt is { } end && now >= end) return new(CodeRejection.Expired, "This code has expired.");
        if (rule.UsageLimit is { } limit && rule.UsageCount >= limit)
            return new(CodeRejection.UsageLimitReached, "This code has reached its usage limit.");
        var customer = cart.Customer;
        if (rule.EligibleSegmentIds.Count > 0 && !rule.EligibleSegmentIds.Any(customer.SegmentIds.Contains))
            return new(CodeRejection.NotEligible, "This code isn't available for your account.");
        if ((rule.PerCustomerLimit is not null || rule.FirstOrderOnly) && customer.CustomerKey is null)
            return new(CodeRejection.SignInRequired, "Sign in to use this code.");
        if (rule.FirstOrderOnly && customer.PreviousOrders > 0)
            return new(CodeRejection.FirstOrderOnly, "This code is only for your first order.");
        if (rule.PerCustomerLimit is { } perCustomer && customer.UsageByDiscount.GetValueOrDefault(rule.Id) >= perCustomer)
            return new(CodeRejection.CustomerLimitReached, perCustomer == 1
                ? "You have already used this code."
                : $"You have already used this code {perCustomer} times, the most allowed.");

        decimal qualifyingSubtotal = 0;
        var qualifyingQuantity = 0;
        Span<int> indexes = stackalloc int[cart.Lines.Count <= 256 ? cart.Lines.Count : 0];
        var lines = cart.Lines.Count <= 256 ? indexes : new int[cart.Lines.Count];
        var found = 0;
        for (var i = 0; i < cart.Lines.Count; i++)
        {
            if (cart.Lines[i].Quantity <= 0 || !rule.Applies(cart.Lines[i])) continue;
            qualifyingSubtotal += lineTotals[i];
            qualifyingQuantity += cart.Lines[i].Quantity;
            lines[found++] = i;
        }
        var eligible = rule.IsScoped ? " of eligible items" : "";
        if (rule.Type != DiscountType.FreeShipping && qualifyingQuantity == 0)
            return new(CodeRejection.NoQualifyingItems, "None of the items in your cart are eligible for this code.");
        if (rule.MinimumPurchase is { } minimum && qualifyingSubtotal < minimum)
            return new(CodeRejection.MinimumPurchaseNotMet, $"Add {currency.Format(minimum - qualifyingSubtotal)} more{eligible} to use this code.");
        var minimumQuantity = Math.Max(rule.MinimumQuantity ?? 0, rule.Type == DiscountType.Bogo ? rule.BuyQuantity + rule.GetQuantity : 0);
        if (qualifyingQuantity < minimumQuantity)
        {
            var missing = minimumQuantity - qualifyingQuantity;
            return new(CodeRejection.MinimumQuantityNotMet, $"Add {missing} more {(rule.IsScoped ? "eligible " : "")}item{(missing == 1 ? "" : "s")} to use this code.");
        }
        if (rule.Type == DiscountType.FreeShipping && shipping <= 0)
            return new(CodeRejection.NothingToDiscount, "Your order has no shipping charge for this code to take off.");
        covered = lines[..found].ToArray();
        return null;
    }

    /// <summary>The stack of combinable discounts, or the single non-combinable one that saves more (see the class remarks).</summary>
    private List<Applied> Choose(List<Candidate> candidates, IReadOnlyList<PricingLine> lines, decimal[] lineTotals, decimal shipping)
    {
        var stack = Stack(candidates.Where(c => c.Rule.Combinable).OrderByDescending(c => c.Rule.Priority).ThenBy(c => c.Rule.Id),
            lines, lineTotals, shipping);
        var stackTotal = 0m;
        foreach (var a in stack) stackTotal += a.Total;
        var stackPriority = stack.Count == 0 ? int.MinValue : stack.Max(a => a.Candidate.Rule.Priority);
        List<Applied> best = stack;
        var bestTotal = stackTotal;
        var bestPriority = stackPriority;
        foreach (var single in candidates.Where(c => !c.Rule.Combinable).OrderByDescending(c => c.Rule.Priority).ThenBy(c => c.Rule.Id))
        {
            var applied = Stack([single], lines, lineTotals, shipping);
            if (applied.Count == 0) continue;
            var total = applied[0].Total;
            if (total > bestTotal || total == bestTotal && single.Rule.Priority > bestPriority)
            {
                (best, bestTotal, bestPriority) = (applied, total, single.Rule.Priority);
            }
        }
        return best;
    }

    /// <summary>Applies discounts one after another, each on what is left of every line and of shipping.</summary>
    private List<Applied> Stack(IEnumerable<Candidate> ordered, IReadOnlyList<PricingLine> lines, decimal[] lineTotals, decimal shipping)
    {
        var remaining = (decimal[])lineTotals.Clone();
        var remainingShipping = shipping;
        var applied = new List<Applied>();
        foreach (var candidate in ordered)
        {
            var (amounts, shippingAmount) = Amounts(candidate, lines, remaining, remainingShipping);
            var total = shippingAmount;
            for (var i = 0; i < amounts.Length; i++) total += amounts[i];
            if (total <= 0) continue;
            for (var i = 0; i < remaining.Length; i++) remaining[i] -= amounts[i];
            remainingShipping -= shippingAmount;
            applied.Add(new Applied(candidate, amounts, shippingAmount, total));
        }
        return applied;
    }

    private (decimal[] Lines, decimal Shipping) Amounts(Candidate candidate, IReadOnlyList<PricingLine> lines, decimal[] remaining, decimal remainingShipping)
    {
        var rule = candidate.Rule;
        var qualifying = candidate.Lines;
        var amounts = new decimal[remaining.Length];
        decimal shippingAmount = 0;
        switch (rule.Type)
        {
            case DiscountType.Percentage:
                var percent = Percent(rule.Value);
                foreach (var i in qualifying) amounts[i] = currency.Round(remaining[i] * percent);
                break;
            case DiscountType.FixedAmount:
                decimal pool = 0;
                foreach (var i in qualifying) pool += Math.Max(0m, remaining[i]);
                Spread(Math.Min(currency.Round(Math.Max(0m, rule.Value)), pool), qualifying, remaining, amounts);
                break;
            case DiscountType.Bogo:
                BuyXGetY(rule, qualifying, lines, remaining, amounts);
                break;
            case DiscountType.FreeShipping:
                shippingAmount = remainingShipping;
                break;
        }
        decimal sum = 0;
        for (var i = 0; i < amounts.Length; i++)
        {
            amounts[i] = Math.Clamp(amounts[i], 0m, Math.Max(0m, remaining[i]));
            sum += amounts[i];
        }
        if (rule.MaximumDiscount is { } cap)
        {
            cap = currency.Floor(Math.Max(0m, cap));
            shippingAmount = Math.Min(shippingAmount, cap);
            var lineCap = cap - shippingAmount;
            if (sum > lineCap)
            {
                var weights = (decimal[])amounts.Clone();
                Array.Clear(amounts);
                Spread(lineCap, qualifying, weights, amounts);
            }
        }
        return (amounts, Math.Max(0m, shippingAmount));
    }

    private static decimal Percent(decimal value) => Math.Clamp(value, 0m, 100m) / 100m;

    /// <summary>The cheapest qualifying units are the discounted ones: Y of every X + Y units.</summary>
    private void BuyXGetY(DiscountRule rule, int[] qualifying, IReadOnlyList<PricingLine> lines, decimal[] remaining, decimal[] amounts)
    {
        var groupSize = Math.Max(1, rule.BuyQuantity) + Math.Max(1, rule.GetQuantity);
        var units = 0;
        foreach (var i in qualifying) units += lines[i].Quantity;
        var discountedUnits = units / groupSize * Math.Max(1, rule.GetQuantity);
        if (discountedUnits == 0) return;
        var percent = Percent(rule.GetPercentOff);
        var byPrice = (int[])qualifying.Clone();
        var unitPrices = new decimal[byPrice.Length];
        for (var k = 0; k < byPrice.Length; k++) unitPrices[k] = remaining[byPrice[k]] / lines[byPrice[k]].Quantity;
        Array.Sort(unitPrices, byPrice); // cheapest first; equal prices keep no particular order, any is fair
        for (var k = 0; k < byPrice.Length && discountedUnits > 0; k++)
        {
            var i = byPrice[k];
            var take = Math.Min(discountedUnits, lines[i].Quantity);
            discountedUnits -= take;
            amounts[i] = currency.Round(unitPrices[k] * take * percent);
        }
    }

    /// <summary>
    /// Splits <paramref name="total"/> over the lines in proportion to <paramref name="weights"/>: each gets its exact
    /// share rounded down to the minor unit, and the units left go one each to the largest remainders (earlier lines
    /// first on a tie), so the parts add up to the total exactly.
    /// </summary>
    private void Spread(decimal total, int[] indexes, decimal[] weights, decimal[] amounts)
    {
        decimal weightSum = 0;
        foreach (var i in indexes) weightSum += Math.Max(0m, weights[i]);
        if (total <= 0 || weightSum <= 0) return;
        var unit = currency.Unit;
        var fractions = new decimal[indexes.Length];
        var left = total;
        for (var k = 0; k < indexes.Length; k++)
        {
            var i = indexes[k];
            var exact = total * Math.Max(0m, weights[i]) / weightSum;
            amounts[i] = currency.Floor(exact);
            fractions[k] = exact - amounts[i];
            left -= amounts[i];
        }
        while (left >= unit)
        {
            var best = 0;
            for (var k = 1; k < fractions.Length; k++)
                if (fractions[k] > fractions[best]) best = k;
            if (fractions[best] < 0) break;
            amounts[indexes[best]] += unit;
            fractions[best] = -1;
            left -= unit;
        }
    }

    private PricingResult Result(PricingCart cart, decimal[] lineTotals, decimal shipping, List<Applied> chosen, IReadOnlyList<CodeOutcome> outcomes)
    {
        var lineDiscounts = new decimal[lineTotals.Length];
        foreach (var a in chosen)
            for (var i = 0; i < lineDiscounts.Length; i++) lineDiscounts[i] += a.LineAmounts[i];
        var lines = cart.Lines.Select((l, i) => new PricedLine(i, l.ProductKey, l.Quantity, l.UnitPrice, lineTotals[i], lineDiscounts[i],
            lineTotals[i] - lineDiscounts[i])).ToList();
        var applied = chosen.Select(a => new AppliedDiscount(a.Candidate.Rule.Id, a.Candidate.Rule.Name, a.Candidate.Rule.Type,
            a.Candidate.Code?.Code, a.Candidate.Code?.PromoCodeId, a.Total, a.ShippingAmount, a.LineAmounts)).ToList();
        var subtotal = lineTotals.Sum();
        var lineDiscount = lineDiscounts.Sum();
        var shippingDiscount = chosen.Sum(a => a.ShippingAmount);
        return new PricingResult(currency.Code, subtotal, shipping, lineDiscount, shippingDiscount, lineDiscount + shippingDiscount,
            subtotal - lineDiscount + shipping - shippingDiscount, lines, applied, outcomes);
    }

    /// <summary>Outcomes in the order the shopper typed the codes.</summary>
    private static List<CodeOutcome> OrderLike(IReadOnlyList<string> typed, List<CodeOutcome> outcomes)
    {
        var order = typed.Select(Normalize).Distinct().Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        return outcomes.OrderBy(o => order.GetValueOrDefault(o.Code, int.MaxValue)).ToList();
    }
}
