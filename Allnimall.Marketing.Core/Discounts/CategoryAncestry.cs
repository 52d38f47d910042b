namespace Allnimall.Marketing.Core.Discounts;

/// <summary>A category and its ancestors, nearest first: a discount on "Dogs" covers "Dog food" too.</summary>
internal static class CategoryAncestry
{
    public static List<Guid> Of(Guid? category, IReadOnlyDictionary<Guid, Guid?> parents)
    {
        var chain = new List<Guid>();
        // The depth limit and the repeat check keep a mistaken cycle in the store's data from looping.
        while (category is { } id && !chain.Contains(id) && chain.Count < 32)
        {
            chain.Add(id);
            category = parents.GetValueOrDefault(id);
        }
        return chain;
    }
}
