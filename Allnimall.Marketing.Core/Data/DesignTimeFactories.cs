using Microsoft.EntityFrameworkCore.Design;

namespace Allnimall.Marketing.Core.Data;

// Used by `dotnet ef` only; the connection strings are never opened when adding migrations or writing scripts.
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<MarketingDbContext>
{
    public MarketingDbContext CreateDbContext(string[] args) => new(MarketingDbContextOptions.Standalone(new DatabaseOptions
    {
        Provider = DatabaseProvider.SqlServer,
        ConnectionString = "Server=localhost;Database=AllnimallMarketing;Trusted_Connection=True;TrustServerCertificate=True",
    }));
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMarketingDbContext>
{
    public SqliteMarketingDbContext CreateDbContext(string[] args) =>
        new(MarketingDbContextOptions.Standalone(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design.db" }));
}
