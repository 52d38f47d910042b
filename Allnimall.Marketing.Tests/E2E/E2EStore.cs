using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.E2E;

/// <summary>Store data browser tests start from, written straight to the app's database.</summary>
public static class E2EStore
{
    /// <summary>A static segment holding <paramref name="customers"/> (added with it), as the segment picker lists it.</summary>
    public static async Task AddStaticSegmentAsync(MarketingAppFactory app, string name, params Customer[] customers)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(ct);
        var segment = new CustomerSegment
        {
            Name = name, SegmentType = SegmentType.Static, SegmentCriteria = "{}", CustomerCount = customers.Length,
            CreatedBy = await db.Users.Select(u => u.Id).FirstAsync(ct),
        };
        db.Customers.AddRange(customers);
        db.CustomerSegments.Add(segment);
        db.SegmentCustomers.AddRange(customers.Select(c => new SegmentCustomer { SegmentId = segment.Id, CustomerId = c.Id, AddedAt = DateTime.UtcNow }));
        await db.SaveChangesAsync(ct);
    }
}
