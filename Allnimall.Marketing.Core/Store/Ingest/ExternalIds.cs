using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>Loads rows by the store's ids in one query per chunk, never one per row.</summary>
internal static class ExternalIds
{
    /// <summary>
    /// EF Core sends each id of a <c>Contains</c> as its own parameter; SQL Server allows 2,100 per command (SQLite
    /// 32,766), so a 5,000-row batch is looked up in chunks.
    /// </summary>
    public const int ChunkSize = 500;

    public static async Task<List<T>> LoadAsync<T>(
        IEnumerable<string> ids, Func<string[], CancellationToken, Task<List<T>>> load, CancellationToken ct)
    {
        var result = new List<T>();
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
            result.AddRange(await load(chunk, ct));
        return result;
    }

    /// <summary>Internal ids by external id, for resolving references.</summary>
    public static async Task<Dictionary<string, Guid>> IdsAsync(
        IEnumerable<string> ids, Func<string[], IQueryable<IdPair>> query, CancellationToken ct)
    {
        var pairs = await LoadAsync(ids, (chunk, c) => query(chunk).ToListAsync(c), ct);
        return pairs.ToDictionary(p => p.ExternalId, p => p.Id, StringComparer.Ordinal);
    }
}

internal sealed record IdPair(string ExternalId, Guid Id);
