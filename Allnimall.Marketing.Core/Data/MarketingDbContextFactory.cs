using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Data;

/// <summary>Creates the provider's context type, so that each provider migrates with its own migration set.</summary>
public sealed class MarketingDbContextFactory(DbContextOptions<MarketingDbContext> options, IOptions<DatabaseOptions> database)
    : IDbContextFactory<MarketingDbContext>
{
    public MarketingDbContext CreateDbContext() => MarketingDbContextOptions.CreateContext(options, database.Value.Provider);
}
