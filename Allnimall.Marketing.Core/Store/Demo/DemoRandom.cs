using Bogus;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>Small sampling helpers over Bogus' <see cref="Randomizer"/>, so every draw comes from one seeded stream.</summary>
internal static class DemoRandom
{
    public static T Pick<T>(this Randomizer random, IReadOnlyList<(T Item, double Weight)> options)
    {
        var target = random.Double() * options.Sum(o => o.Weight);
        foreach (var (item, weight) in options)
        {
            target -= weight;
            if (target < 0) return item;
        }
        return options[^1].Item;
    }

    /// <summary>An index into <paramref name="cumulative"/> (running sums of weights), in proportion to the weights.</summary>
    public static int PickIndex(this Randomizer random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.Double() * cumulative[^1]);
        return Math.Min(index < 0 ? ~index : index + 1, cumulative.Length - 1);
    }

    public static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    public static TimeSpan Between(this Randomizer random, TimeSpan min, TimeSpan max) =>
        min + (max - min) * random.Double();

    /// <summary>Rupiah prices and discounts are whole multiples of Rp500.</summary>
    public static decimal RoundDownTo500(decimal amount) => Math.Floor(amount / 500m) * 500m;
}
