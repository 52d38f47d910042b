using Allnimall.Marketing.Core.Data;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>A SQL Server context that never connects: enough to build the model and write migration scripts.</summary>
public static class SqlServerModel
{
    public static MarketingDbContext CreateContext() => new(MarketingDbContextOptions.Standalone(new DatabaseOptions
    {
        Provider = DatabaseProvider.SqlServer,
        ConnectionString = "Server=127.0.0.1,1;Database=NeverOpened;User Id=none;Password=none;TrustServerCertificate=True",
    }));
}
