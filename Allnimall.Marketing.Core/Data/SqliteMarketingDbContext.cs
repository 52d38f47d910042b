using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Data;

/// <summary>Exists only so that SQLite has a migration set of its own (EF's "multiple context types" approach).</summary>
public sealed class SqliteMarketingDbContext(DbContextOptions<MarketingDbContext> options) : MarketingDbContext(options);
