namespace Allnimall.Marketing.Core.Discounts;

/// <summary>The margin guardrail's verdict: how many products were checked, how many lack a cost price, and those at risk.</summary>
public sealed record MarginCheck(decimal MarginFloorPercent, int ProductsChecked, int ProductsWithoutCost, IReadOnlyList<ProductAtRisk> AtRisk)
{
    public bool Passed => AtRisk.Count == 0;
}

/// <summary>
/// A product that could sell below cost (<see cref="BelowCost"/>) or under the margin floor: its list price, cost, the
/// worst price with everything that can stack (<see cref="Discounts"/>, in the order applied), and the margin left.
/// </summary>
public sealed record ProductAtRisk(
    Guid ProductId, string Name, decimal Price, decimal CostPrice, decimal WorstPrice, decimal? MarginPercent, bool BelowCost,
    IReadOnlyList<string> Discounts);

/// <summary>Configuration section <c>Discounts:MarginGuardrail</c>.</summary>
public sealed record MarginGuardrailOptions
{
    /// <summary>The lowest margin, in percent of the selling price, a discount may leave on a product without an admin's override.</summary>
    public decimal MarginFloorPercent { get; init; } = 10m;
}
