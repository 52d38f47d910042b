namespace Allnimall.Marketing.Core.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>Bound from <c>Database:Provider</c> and <c>ConnectionStrings:Marketing</c>.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqliteConnection = "Data Source=App_Data/marketing.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string ConnectionString { get; set; } = DefaultSqliteConnection;
}
