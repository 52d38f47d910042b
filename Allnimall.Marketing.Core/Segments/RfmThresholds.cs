namespace Allnimall.Marketing.Core.Segments;

/// <summary>
/// Quintile cut points over the whole customer base (buyers only), computed once per evaluation so that the segment
/// query itself stays one SQL statement. Each array holds the 20th, 40th, 60th and 80th percentiles, ascending.
/// </summary>
public sealed record RfmThresholds(DateTime[] LastOrderCuts, int[] OrderCountCuts, decimal[] SpendCuts)
{
    public static readonly RfmThresholds Empty = new([], [], []);

    public static RfmThresholds FromSorted(IReadOnlyList<DateTime> lastOrders, IReadOnlyList<int> orderCounts, IReadOnlyList<decimal> spends) =>
        new(Cuts(lastOrders), Cuts(orderCounts), Cuts(spends));

    private static T[] Cuts<T>(IReadOnlyList<T> sorted) =>
        sorted.Count == 0 ? [] : [.. Enumerable.Range(1, 4).Select(k => sorted[Math.Min(sorted.Count - 1, k * sorted.Count / 5)])];
}
