using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Store;

/// <summary>
/// Reads the store's customers for the grid, the detail page, the read API and the overview. Email and phone are
/// masked with <see cref="PiiMask"/> unless the caller may see PII.
/// </summary>
public sealed class CustomerService(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    private const int RecentOrders = 10;
    private const int RecentBrowsing = 20;
    private const int RecentEngagement = 20;

    /// <summary>
    /// One page of customers: one query for the count, one for the page (no N+1: orders count, lifetime spend and
    /// last order are correlated subqueries, computed for the page's rows only unless they are the sort key).
    /// Without PII, search covers name and external id only, so nobody can probe for an address.
    /// </summary>
    /// <remarks>Paging is clamped (page ≥ 1, size 1..200); the API rejects such input earlier with <see cref="CustomerGridQuery.Validate()"/>.</remarks>
    /// <exception cref="ArgumentException">The sort key is not one of <see cref="CustomerSortKeys"/>.</exception>
    public async Task<PagedResult<CustomerListItem>> ListAsync(CustomerGridQuery query, bool includePii, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await Filter(db.Customers.AsNoTracking(), query, includePii).CountAsync(ct);
        var rows = await PageQuery(db, query, includePii).ToListAsync(ct);

        if (!includePii) rows = rows.Select(r => r with { Email = PiiMask.Email(r.Email), Phone = PiiMask.Phone(r.Phone) }).ToList();
        return new PagedResult<CustomerListItem>(rows, total, query.EffectivePage, query.EffectivePageSize);
    }

    /// <summary>The page's rows, sorted, with their aggregates (internal so a test can translate it for SQL Server).</summary>
    internal static IQueryable<CustomerListItem> PageQuery(MarketingDbContext db, CustomerGridQuery query, bool includePii)
    {
        var revenueOrders = db.Orders.Where(OrderRevenue.CountsAsRevenue);
        var customers = Filter(db.Customers.AsNoTracking(), query, includePii);
        // SQLite computes every selected column before it sorts, so projecting the aggregates straight off the sorted
        // table evaluates them for all rows (seconds at 100,000 customers). Instead the sort picks the page's ids in a
        // subquery, and the outer query sorts those few rows again and computes their aggregates.
        var pageIds = Sort(customers, revenueOrders, query.SortBy, query.Descending)
            .Skip(query.Offset)
            .Take(query.EffectivePageSize)
            .Select(c => c.Id);
        return Sort(db.Customers.AsNoTracking().Where(c => pageIds.Contains(c.Id)), revenueOrders, query.SortBy, query.Descending)
            .Select(c => new CustomerListItem(
                c.Id,
                c.ExternalId,
                (c.FirstName + " " + c.LastName).Trim(),
                c.Email,
                c.Phone,
                c.City,
                c.Country,
                c.Gender,
                c.IsActive,
                c.EmailConsent,
                c.SmsConsent,
                c.CreatedAt,
                revenueOrders.Count(o => o.CustomerId == c.Id),
                revenueOrders.Where(o => o.CustomerId == c.Id).Sum(o => o.Total),
                revenueOrders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.PlacedAt)));
    }

    public async Task<CustomerFilterOptions> GetFilterOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cities = await db.Customers.Where(c => c.City != null && c.City != "")
            .Select(c => c.City!).Distinct().OrderBy(c => c).ToListAsync(ct);
        var countries = await db.Customers.Where(c => c.Country != null && c.Country != "")
            .Select(c => c.Country!).Distinct().OrderBy(c => c).ToListAsync(ct);
        return new CustomerFilterOptions(cities, countries);
    }

    /// <summary>The customer's profile, consent, purchase stats and recent activity; null when no such customer.</summary>
    public async Task<CustomerDetailView?> GetDetailAsync(Guid id, bool includePii, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return null;

        var stats = await db.Orders.Where(OrderRevenue.CountsAsRevenue).Where(o => o.CustomerId == id)
            .GroupBy(o => o.CustomerId)
            .Select(g => new
            {
                Count = g.Count(),
                Spend = g.Sum(o => o.Total),
                First = g.Min(o => o.PlacedAt),
                Last = g.Max(o => o.PlacedAt),
            })
            .SingleOrDefaultAsync(ct);

        var orders = await db.Orders.AsNoTracking().Where(o => o.CustomerId == id)
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id)
            .Take(RecentOrders)
            .Select(o => new CustomerOrderRow(o.Id, o.ExternalId, o.PlacedAt, o.Status, o.Channel,
                o.Items.Sum(i => i.Quantity), o.Discount, o.Total, o.PromoCode))
            .ToListAsync(ct);

        var browsing = await db.BrowsingEvents.AsNoTracking().Where(e => e.CustomerId == id)
            .OrderByDescending(e => e.ViewedAt).ThenByDescending(e => e.Id)
            .Take(RecentBrowsing)
            .Select(e => new CustomerBrowsingRow(e.ViewedAt,
                e.Product != null ? e.Product.Name : null,
                e.Category != null ? e.Category.Name : e.Product != null && e.Product.Category != null ? e.Product.Category.Name : null))
            .ToListAsync(ct);

        var engagement = await (
                from e in db.CustomerEngagement.AsNoTracking()
                where e.CustomerId == id
                orderby e.EngagementDate descending, e.Id descending
                select new CustomerEngagementRow(e.EngagementDate, e.EngagementType, e.CampaignId,
                    db.Campaigns.Where(c => c.Id == e.CampaignId).Select(c => c.Name).FirstOrDefault()))
            .Take(RecentEngagement)
            .ToListAsync(ct);

        var spend = stats?.Spend ?? 0m;
        var count = stats?.Count ?? 0;
        return new CustomerDetailView(
            ToProfile(customer, includePii),
            new ConsentStatus(customer.EmailConsent, customer.EmailConsentAt, customer.EmailConsentSource),
            new ConsentStatus(customer.SmsConsent, customer.SmsConsentAt, customer.SmsConsentSource),
            new CustomerStats(count, spend, Average(spend, count), stats?.First, stats?.Last),
            orders, browsing, engagement);
    }

    /// <summary>
    /// Customers, new customers, orders and revenue over the last <see cref="StoreOverview.WindowDays"/> UTC days
    /// (today included), and orders per day grouped in SQL with empty days filled with zero.
    /// </summary>
    public async Task<StoreOverview> OverviewAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = today.AddDays(1 - StoreOverview.WindowDays);
        var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toUtc = today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customersTotal = await db.Customers.CountAsync(ct);
        var newCustomers = await db.Customers.CountAsync(c => c.CreatedAt >= fromUtc && c.CreatedAt < toUtc, ct);
        var perDay = await DailyOrdersQuery(db, fromUtc, toUtc).ToListAsync(ct);

        var byDay = perDay.ToDictionary(d => d.Day);
        var days = Enumerable.Range(0, StoreOverview.WindowDays)
            .Select(i => from.AddDays(i))
            .Select(day => byDay.GetValueOrDefault(day) ?? new DailyOrders(day, 0, 0m))
            .ToList();
        var orders = days.Sum(d => d.Orders);
        var revenue = days.Sum(d => d.Revenue);
        return new StoreOverview(customersTotal, newCustomers, orders, revenue, Average(revenue, orders), from, today, days);
    }

    /// <summary>Revenue orders per UTC day, grouped in SQL (internal so a test can translate it for SQL Server).</summary>
    internal static IQueryable<DailyOrders> DailyOrdersQuery(MarketingDbContext db, DateTime fromUtc, DateTime toUtc) =>
        db.Orders.Where(OrderRevenue.CountsAsRevenue)
            .Where(o => o.PlacedAt >= fromUtc && o.PlacedAt < toUtc)
            .GroupBy(o => o.PlacedAt.Date)
            .Select(g => new DailyOrders(DateOnly.FromDateTime(g.Key), g.Count(), g.Sum(o => o.Total)));

    private static IQueryable<Customer> Filter(IQueryable<Customer> customers, CustomerGridQuery query, bool includePii)
    {
        if (query.City is { Length: > 0 } city) customers = customers.Where(c => c.City == city);
        if (query.Country is { Length: > 0 } country) customers = customers.Where(c => c.Country == country);
        if (query.Gender is { } gender) customers = customers.Where(c => c.Gender == gender);
        if (query.IsActive is { } active) customers = customers.Where(c => c.IsActive == active);
        if (query.EmailConsent is { } email) customers = customers.Where(c => c.EmailConsent == email);
        if (query.SmsConsent is { } sms) customers = customers.Where(c => c.SmsConsent == sms);

        if (query.SearchText is not { } text) return customers;
        // LIKE is case-insensitive on SQLite (ASCII) and under SQL Server's default CI collation.
        var pattern = LikePattern.Contains(text);
        const string escape = LikePattern.EscapeCharacter;
        return includePii
            ? customers.Where(c =>
                EF.Functions.Like(c.FirstName + " " + c.LastName, pattern, escape) ||
                EF.Functions.Like(c.Email, pattern, escape) ||
                EF.Functions.Like(c.Phone, pattern, escape) ||
                EF.Functions.Like(c.ExternalId, pattern, escape))
            : customers.Where(c =>
                EF.Functions.Like(c.FirstName + " " + c.LastName, pattern, escape) ||
                EF.Functions.Like(c.ExternalId, pattern, escape));
    }

    private static IOrderedQueryable<Customer> Sort(IQueryable<Customer> customers, IQueryable<Order> revenueOrders, string? sortBy, bool desc)
    {
        var sorted = sortBy?.ToLowerInvariant() switch
        {
            null or CustomerSortKeys.Name => customers.OrderBy(c => c.LastName, desc).ThenBy(c => c.FirstName, desc),
            CustomerSortKeys.Email => customers.OrderBy(c => c.Email, desc),
            CustomerSortKeys.City => customers.OrderBy(c => c.City, desc),
            CustomerSortKeys.Country => customers.OrderBy(c => c.Country, desc),
            CustomerSortKeys.Created => customers.OrderBy(c => c.CreatedAt, desc),
            CustomerSortKeys.OrdersCount => customers.OrderBy(c => revenueOrders.Count(o => o.CustomerId == c.Id), desc),
            // Ordered as double, never returned as one. EF 10 orders a SQLite decimal with its EF_DECIMAL collation,
            // which parses the TEXT with the current culture: under id-ID ("." groups digits) 29.97 sorts as 2997.
            // SUM(CAST(total AS REAL)) is culture-proof, native (no managed callback per row) and fine on SQL Server;
            // the money shown is still the decimal sum. Covered by CustomerServiceTests.
            CustomerSortKeys.LifetimeSpend => customers.OrderBy(c => revenueOrders.Where(o => o.CustomerId == c.Id).Sum(o => (double)o.Total), desc),
            CustomerSortKeys.LastOrder => customers.OrderBy(c => revenueOrders.Where(o => o.CustomerId == c.Id).Max(o => (DateTime?)o.PlacedAt), desc),
            _ => throw new ArgumentException($"Unknown sort key '{sortBy}'.", nameof(sortBy)),
        };
        // The id (a time-ordered Guid) breaks ties, so paging never repeats or skips a row.
        return sorted.ThenBy(c => c.Id, desc);
    }

    private static CustomerProfile ToProfile(Customer c, bool includePii) => new(
        c.Id, c.ExternalId, c.FirstName, c.LastName,
        includePii ? c.Email : PiiMask.Email(c.Email),
        includePii ? c.Phone : PiiMask.Phone(c.Phone),
        c.BirthDate, c.Gender, c.City, c.Region, c.Country, c.IncomeBand, c.IsActive, c.CreatedAt, c.UpdatedAt);

    private static decimal Average(decimal total, int count) =>
        count == 0 ? 0m : Math.Round(total / count, 2, MidpointRounding.AwayFromZero);
}
