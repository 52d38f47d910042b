using System.Linq.Expressions;

namespace Allnimall.Marketing.Core.Common;

/// <summary>Ascending or descending by a flag, so a grid's sort switch stays one line per key.</summary>
public static class QueryableSortExtensions
{
    public static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> source, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);
}
