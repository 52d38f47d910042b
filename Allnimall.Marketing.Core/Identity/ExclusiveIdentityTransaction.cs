using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>
/// A transaction that holds a database-wide write lock from its first statement, so that "check, then write" on
/// users and roles cannot interleave across requests or app instances (two first-admin submissions, two admins
/// demoting each other). SQLite: <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default for a non-deferred
/// transaction). SQL Server: an application lock owned by the transaction.
/// </summary>
internal static class ExclusiveIdentityTransaction
{
    private const string LockResource = "allnimall-identity-admin";

    public static async Task<IDbContextTransaction> BeginAsync(DbContext db, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync(
                "EXEC sp_getapplock @Resource = {0}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000",
                [LockResource], ct);
        }
        return transaction;
    }
}
