using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Allnimall.Marketing.Core.Data;

/// <summary>
/// SQLite's page cache defaults to 2 MB per connection, far smaller than the indexes a segment refresh or a large
/// ingest walks; 64 MB keeps them in memory. Runs on every open (pooled connections keep the setting; it is cheap).
/// </summary>
public sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
