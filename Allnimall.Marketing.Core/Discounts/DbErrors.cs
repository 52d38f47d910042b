using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>Recognises a unique-index violation on either provider (SQLite constraint, SQL Server 2601/2627).</summary>
internal static class DbErrors
{
    public static bool IsUniqueViolation(Exception ex) => (ex as DbUpdateException)?.InnerException is { } inner
        ? IsUniqueViolation(inner)
        : ex switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
            _ => false,
        };
}
