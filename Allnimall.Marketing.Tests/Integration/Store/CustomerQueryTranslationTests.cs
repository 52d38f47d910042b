using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Store;

/// <summary>
/// Production runs SQL Server, which no test here can reach: the grid and overview queries are translated for it
/// (no connection needed) so a LINQ shape only SQLite accepts fails here.
/// </summary>
public sealed class CustomerQueryTranslationTests
{
    private static MarketingDbContext SqlServerContext() => MarketingDbContextOptions.CreateContext(
        MarketingDbContextOptions.Standalone(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = "Server=unused;Database=unused;Trusted_Connection=True;TrustServerCertificate=True",
        }),
        DatabaseProvider.SqlServer);

    public static TheoryData<string> SortKeys() => new(CustomerSortKeys.All);

    [Theory]
    [MemberData(nameof(SortKeys))]
    public void Grid_page_translates_for_sql_server_with_every_sort_key_search_and_filter(string sortKey)
    {
        using var db = SqlServerContext();
        var query = new CustomerGridQuery
        {
            SortBy = sortKey, Descending = true, Page = 3, Search = "50%_off", City = "Jakarta", Gender = Gender.Female,
            IsActive = true, EmailConsent = true, SmsConsent = false,
        };

        var sql = CustomerService.PageQuery(db, query, includePii: true).ToQueryString();

        Assert.Contains("OFFSET", sql);
        Assert.Contains("LIKE", sql);
        Assert.Contains("ESCAPE N'\\'", sql);
    }

    [Fact]
    public void Orders_per_day_groups_by_date_on_sql_server()
    {
        using var db = SqlServerContext();

        var sql = CustomerService.DailyOrdersQuery(db, new DateTime(2026, 10, 4), new DateTime(2026, 11, 3)).ToQueryString();

        Assert.Contains("GROUP BY", sql);
        Assert.Contains("CONVERT(date", sql);
    }
}
