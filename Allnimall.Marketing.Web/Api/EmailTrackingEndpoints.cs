using System.Threading.RateLimiting;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Web.Components.Pages.Unsubscribe;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// The public email endpoints, reached from inside emails: anonymous by design (a signed token is the credential),
/// outside /api/marketing and its subscription gate, no cookies set or read.
/// <list type="bullet">
/// <item><c>GET /t/o/{token}</c>: the open pixel, always the same 1×1 GIF (valid token or not, so it is no oracle);
/// a valid token's open is buffered for the recorder.</item>
/// <item><c>GET|HEAD /t/c/{token}</c>: 302 to the URL stored for the token's delivery and link; anything else 404,
/// nothing recorded. The request carries no destination, so this is never an open redirect.</item>
/// <item><c>POST /u/{token}</c>: RFC 8058 one-click unsubscribe, 200 text, no redirect (a garbage token gets the same
/// answer); from the preference page's form, 303 back to the page.</item>
/// <item><c>GET /u/{token}</c>: the preference page; never unsubscribes. For a newsletter issue it offers leaving that
/// list or all marketing email; a newsletter issue's one-click POST leaves its list.</item>
/// </list>
/// </summary>
public static class EmailTrackingEndpoints
{
    public const string TrackingPolicy = "email-tracking";
    public const string UnsubscribePolicy = "email-unsubscribe";

    /// <summary>A transparent 1×1 GIF.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapEmailTrackingEndpoints(this IEndpointRouteBuilder app)
    {
        var tracking = app.MapGroup("").WithTags("Email tracking").AllowAnonymous().ExcludeFromDescription();
        tracking.MapGet("/t/o/{token}", Open).RequireRateLimiting(TrackingPolicy);
        tracking.MapMethods("/t/c/{token}", [HttpMethods.Get, HttpMethods.Head], ClickAsync).RequireRateLimiting(TrackingPolicy);
        tracking.MapGet("/u/{token}", PreferencesAsync).RequireRateLimiting(UnsubscribePolicy);
        tracking.MapPost("/u/{token}", UnsubscribeAsync).RequireRateLimiting(UnsubscribePolicy).DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// Tracking: per token, not per IP (Gmail, Outlook and Apple fetch images for many recipients from shared addresses);
    /// unsubscribe: per IP, against random-token sprays. Rejections (here and on the newsletter pages) are 429 with
    /// Retry-After and a plain-text body.
    /// </summary>
    public static IServiceCollection AddEmailTrackingRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = "60";
                // Answered here, in plain text: the status-code pages would re-execute a rejected POST (one-click
                // unsubscribe, a newsletter sign-up) as POST /not-found, which refuses it without antiforgery (400).
                if (http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
                await http.Response.WriteAsync("Too many requests. Please try again in a minute.", ct);
            };
            o.AddPolicy(TrackingPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Request.RouteValues["token"] as string ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(UnsubscribePolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

    private static FileContentHttpResult Open(string token, HttpContext http, TrackingTokenSigner signer, TrackingRecorder recorder, TimeProvider clock)
    {
        if (signer.Verify(token, TrackingTokenKind.Open) is { } open)
            recorder.TryRecord(new TrackingEvent(open.DeliveryId, TrackingTokenKind.Open, 0, clock.GetUtcNow().UtcDateTime, UserAgent(http)));
        NoStore(http.Response);
        return TypedResults.File(Pixel, "image/gif");
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> ClickAsync(string token, HttpContext http, TrackingTokenSigner signer,
        EmailLinkResolver links, TrackingRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        if (signer.Verify(token, TrackingTokenKind.Click) is not { } click
            || await links.ResolveAsync(click.DeliveryId, click.LinkIndex, ct) is not { } url)
            return TypedResults.NotFound();
        recorder.TryRecord(new TrackingEvent(click.DeliveryId, TrackingTokenKind.Click, click.LinkIndex, clock.GetUtcNow().UtcDateTime,
            UserAgent(http), url, IsHead: HttpMethods.IsHead(http.Request.Method)));
        NoStore(http.Response);
        return TypedResults.Redirect(url);
    }

    private static async Task<IResult> PreferencesAsync(string token, bool? kept, HttpContext http, TrackingTokenSigner signer,
        EmailUnsubscribeService unsubscribe, IOptionsMonitor<DeliveryOptions> store, CancellationToken ct)
    {
        NoStore(http.Response);
        var preferences = signer.Verify(token, TrackingTokenKind.Unsubscribe) is { } valid
            ? await unsubscribe.PreferencesAsync(valid.DeliveryId, ct)
            : null;
        var state = preferences switch
        {
            null => UnsubscribeState.Invalid,
            { Subscribed: false } => UnsubscribeState.Unsubscribed,
            _ when kept == true => UnsubscribeState.Kept,
            { NewsletterName: not null, InNewsletter: false } => UnsubscribeState.LeftNewsletter,
            _ => UnsubscribeState.Confirm,
        };
        return new RazorComponentResult<UnsubscribePage>(new
        {
            StoreName = preferences?.StoreName ?? store.CurrentValue.StoreName,
            preferences?.MaskedEmail,
            preferences?.NewsletterName,
            State = state,
            ActionUrl = $"/u/{Uri.EscapeDataString(token)}",
        })
        { StatusCode = state == UnsubscribeState.Invalid ? StatusCodes.Status404NotFound : StatusCodes.Status200OK };
    }

    private static async Task<IResult> UnsubscribeAsync(string token, HttpContext http, TrackingTokenSigner signer,
        EmailUnsubscribeService unsubscribe, ILoggerFactory loggers, CancellationToken ct)
    {
        string? choice = null;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            choice = form["confirm"] is var value && (value == "unsubscribe" || value == "newsletter") ? value.ToString() : null;
        }
        var fromPage = choice is not null;
        if (signer.Verify(token, TrackingTokenKind.Unsubscribe) is { } valid)
        {
            try
            {
                var source = fromPage ? UnsubscribeSources.PreferencePage : UnsubscribeSources.OneClick;
                // A newsletter issue's one-click leaves that list (RFC 8058: the list the message came from); the page
                // lets its reader choose between that list and all marketing email.
                var leaveList = choice == "newsletter" || (choice is null && await unsubscribe.IsNewsletterDeliveryAsync(valid.DeliveryId, ct));
                if (leaveList) await unsubscribe.LeaveNewsletterAsync(valid.DeliveryId, source, ct);
                else await unsubscribe.UnsubscribeAsync(valid.DeliveryId, source, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A fault must be a 5xx, so the mailbox provider retries (the error page would answer with a redirect).
                loggers.CreateLogger(typeof(EmailTrackingEndpoints)).LogError(e, "Unsubscribe failed");
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }
        NoStore(http.Response);
        // The page's form goes back to the page, which shows the outcome; the one-click POST is answered in place, the
        // same way for any token, so the answer tells a prober nothing.
        return fromPage
            ? new SeeOther($"/u/{Uri.EscapeDataString(token)}")
            : Results.Text("You are unsubscribed.", "text/plain");
    }

    private static string? UserAgent(HttpContext http)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        return agent.Length == 0 ? null : agent.Length > TrackingEventWriter.MaxAgentLength ? agent[..TrackingEventWriter.MaxAgentLength] : agent;
    }

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store, no-cache, must-revalidate, private";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "0";
    }

    /// <summary>303 See Other: after the page's POST, the browser GETs the page again.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
