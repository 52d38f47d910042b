using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// Checkout calls that present codes nobody issued are rate-limited (T44: enumeration): each unknown code uses one
/// permit of a fixed window, per caller (the API key, or the signed-in user) and per client IP; while either is used
/// up, evaluate and redeem answer 429 problem details with Retry-After. Known codes cost nothing, so a checkout
/// that only presents real codes is never slowed. Built on the same <see cref="RateLimitPartition"/> fixed windows as
/// the tracking endpoints' policies; not an endpoint policy, because the request must run before we know whether its
/// codes exist.
/// </summary>
public sealed class UnknownCodeAttempts : IDisposable
{
    /// <summary>Unknown codes one caller (or IP) may present per <see cref="Window"/>.</summary>
    public const int PermitLimit = 60;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PermitLimit, Window = Window, QueueLimit = 0 }));

    /// <summary>How long the caller must wait, when its unknown-code budget (or its IP's) is used up; otherwise null.</summary>
    public TimeSpan? Blocked(HttpContext http)
    {
        foreach (var key in Partitions(http))
        {
            // Zero permits: asks whether the window is used up without taking anything.
            using var lease = limiter.AttemptAcquire(key, 0);
            if (!lease.IsAcquired) return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        }
        return null;
    }

    /// <summary>Charges <paramref name="unknownCodes"/> permits to the caller and to its IP (one at a time: a cart never overdraws).</summary>
    public void Record(HttpContext http, int unknownCodes)
    {
        foreach (var key in Partitions(http))
            for (var i = 0; i < unknownCodes; i++)
            {
                using var lease = limiter.AttemptAcquire(key);
                if (!lease.IsAcquired) break;
            }
    }

    /// <summary>The 429 answer: problem details and a Retry-After in whole seconds.</summary>
    public static ProblemHttpResult TooMany(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many unknown codes",
            detail: "Too many codes that do not exist were tried. Wait before trying more codes.");
    }

    private static string[] Partitions(HttpContext http) =>
    [
        $"caller:{http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous"}",
        $"ip:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
    ];

    public void Dispose() => limiter.Dispose();
}
