using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Data;

/// <summary>Date arithmetic that both providers translate, each into its own SQL.</summary>
public static class MarketingDbFunctions
{
    /// <summary>Fractional days from <paramref name="from"/> to <paramref name="to"/>. SQL only.</summary>
    public static double DaysBetween(DateTime from, DateTime to) =>
        throw new InvalidOperationException($"{nameof(DaysBetween)} is translated to SQL; it cannot run in memory.");

    internal static void Register(ModelBuilder builder, bool sqlite)
    {
        var method = typeof(MarketingDbFunctions).GetMethod(nameof(DaysBetween))!;
        builder.HasDbFunction(method).HasTranslation(args => sqlite ? SqliteDays(args[0], args[1]) : SqlServerDays(args[0], args[1]));
    }

    private static readonly RelationalTypeMapping DoubleMapping = new DoubleTypeMapping("float");

    // julianday(to) - julianday(from)
    private static SqlExpression SqliteDays(SqlExpression from, SqlExpression to) =>
        new SqlBinaryExpression(ExpressionType.Subtract, JulianDay(to), JulianDay(from), typeof(double), DoubleMapping);

    private static SqlFunctionExpression JulianDay(SqlExpression value) =>
        new("julianday", [value], nullable: true, argumentsPropagateNullability: [true], typeof(double), DoubleMapping);

    // DATEDIFF_BIG(second, from, to) / 86400.0
    private static SqlExpression SqlServerDays(SqlExpression from, SqlExpression to) =>
        new SqlBinaryExpression(ExpressionType.Divide,
            new SqlFunctionExpression("DATEDIFF_BIG", [new SqlFragmentExpression("second"), from, to], nullable: true,
                argumentsPropagateNullability: [false, true, true], typeof(double), DoubleMapping),
            new SqlConstantExpression(86400.0, typeof(double), DoubleMapping),
            typeof(double), DoubleMapping);
}
