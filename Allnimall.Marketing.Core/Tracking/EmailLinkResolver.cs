using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// The stored destination of a tracked link: the only place a click redirect can go. A singleton with a bounded cache:
/// a link's row never changes once its email is sent, and clicks come in bursts on the same few links, so most clicks
/// need no database round trip (opening a pooled SQLite connection was most of a click's cost under load).
/// Only found links are cached; an unknown token is looked up every time and stays a 404.
/// </summary>
public sealed class EmailLinkResolver(IDbContextFactory<MarketingDbContext> dbFactory) : IDisposable
{
    private const int CachedLinks = 100_000;
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = CachedLinks });

    /// <summary>The URL stored for the link, when it exists and is still an absolute http(s) URL without control characters.</summary>
    public async Task<string?> ResolveAsync(Guid deliveryId, int linkIndex, CancellationToken ct = default)
    {
        var key = (deliveryId, linkIndex);
        if (cache.TryGetValue(key, out string? cached)) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var url = await db.EmailLinks.AsNoTracking()
            .Where(l => l.DeliveryId == deliveryId && l.LinkIndex == linkIndex)
            .Select(l => l.Url)
            .FirstOrDefaultAsync(ct);
        // Checked again on the way out: a row written by anything else must not become a redirect to javascript: or a header break.
        if (url is null || !EmailTrackingComposer.IsTrackable(url)) return null;
        cache.Set(key, url, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = CacheFor });
        return url;
    }

    public void Dispose() => cache.Dispose();
}
