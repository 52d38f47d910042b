using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>The stored destination of a tracked link: the only place a click redirect can go.</summary>
public sealed class EmailLinkResolver(IDbContextFactory<MarketingDbContext> dbFactory)
{
    /// <summary>The URL stored for the link, when it exists and is still an absolute http(s) URL without control characters.</summary>
    public async Task<string?> ResolveAsync(Guid deliveryId, int linkIndex, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var url = await db.EmailLinks.AsNoTracking()
            .Where(l => l.DeliveryId == deliveryId && l.LinkIndex == linkIndex)
            .Select(l => l.Url)
            .FirstOrDefaultAsync(ct);
        // Checked again on the way out: a row written by anything else must not become a redirect to javascript: or a header break.
        return url is not null && EmailTrackingComposer.IsTrackable(url) ? url : null;
    }
}
