using System.Text.Json;
using System.Threading.RateLimiting;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Web.Components.Pages.Newsletters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// The public newsletter endpoints: anonymous by design, outside /api/marketing and its subscription gate, no cookies,
/// rate limited per IP (<see cref="SignupPolicy"/>).
/// <list type="bullet">
/// <item><c>GET /newsletters/{slug}</c>: the sign-up page a store links to.</item>
/// <item><c>POST /newsletters/{slug}/subscribe</c>: form (answered with the page) or JSON (202 with a message; 400
/// problem details for a bad address; 404 for an unknown list). The answer is the same for a new, pending or
/// subscribed address.</item>
/// <item><c>GET /newsletters/confirm/{token}</c>: the confirmation link; 404 page for a tampered or expired token.</item>
/// </list>
/// </summary>
public static class NewsletterPublicEndpoints
{
    public const string SignupPolicy = "newsletter-signup";

    public sealed record SignupAccepted(string Message);

    public static IEndpointRouteBuilder MapNewsletterPublicEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/newsletters").WithTags("Newsletters (public)").AllowAnonymous().ExcludeFromDescription()
            .RequireRateLimiting(SignupPolicy);
        group.MapGet("/confirm/{token}", ConfirmAsync);
        group.MapGet("/{slug}", PageAsync);
        group.MapPost("/{slug}/subscribe", SubscribeAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>Requests per minute and IP to the public newsletter endpoints ("Newsletters:PublicRequestsPerMinute").</summary>
    public const int DefaultRequestsPerMinute = 20;

    /// <summary>
    /// Per IP: a person signs up and confirms a handful of times; a script spraying addresses or tokens gets 429 (the
    /// rejection's status, Retry-After and body are the tracking endpoints' setup, <see cref="EmailTrackingEndpoints"/>).
    /// </summary>
    public static IServiceCollection AddNewsletterRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(o => o.AddPolicy(SignupPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, http.RequestServices.GetRequiredService<IConfiguration>()
                    .GetValue("Newsletters:PublicRequestsPerMinute", DefaultRequestsPerMinute)),
                Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            })));
        return services;
    }

    private static async Task<IResult> PageAsync(string slug, HttpContext http, NewsletterSubscribeService newsletters,
        IOptions<DeliveryOptions> store, CancellationToken ct)
    {
        NoStore(http.Response);
        var list = await newsletters.PublicListAsync(slug, ct);
        return Page(store, list is null ? NewsletterPageState.NotFound : NewsletterPageState.Form, list, slug);
    }

    private static async Task<IResult> SubscribeAsync(string slug, HttpContext http, NewsletterSubscribeService newsletters,
        IOptions<DeliveryOptions> store, CancellationToken ct)
    {
        NoStore(http.Response);
        var fromForm = http.Request.HasFormContentType;
        NewsletterSignup? signup;
        if (fromForm)
        {
            var form = await http.Request.ReadFormAsync(ct);
            signup = new(form["email"].ToString(), form["name"].ToString());
        }
        else
        {
            try
            {
                signup = await http.Request.ReadFromJsonAsync<NewsletterSignup>(ct);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a form or a JSON object with email and, optionally, name."] });
            }
            if (signup is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send a form or a JSON object with email and, optionally, name."] });
        }
        var result = await newsletters.SubscribeAsync(slug, signup, NewsletterSubscribeService.PublicFormSource, ct);
        if (!fromForm)
        {
            return result.Status switch
            {
                SaveStatus.Ok => TypedResults.Accepted((string?)null, new SignupAccepted(NewsletterPublicPage.CheckInboxText)),
                SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "There is no such newsletter."),
            };
        }
        if (result.Status == SaveStatus.NotFound) return Page(store, NewsletterPageState.NotFound, null, slug);
        if (result.Status == SaveStatus.Ok) return Page(store, NewsletterPageState.CheckInbox, result.Value, slug);
        var list = await newsletters.PublicListAsync(slug, ct);
        return new RazorComponentResult<NewsletterPublicPage>(new
        {
            StoreName = store.Value.StoreName, State = NewsletterPageState.Form, ListName = list?.Name, list?.Description,
            ActionUrl = ActionUrl(slug), signup.Email, signup.Name,
            EmailError = result.Errors.TryGetValue("email", out var email) ? email[0] : null,
            NameError = result.Errors.TryGetValue("name", out var name) ? name[0] : null,
        })
        { StatusCode = StatusCodes.Status400BadRequest };
    }

    private static async Task<IResult> ConfirmAsync(string token, HttpContext http, NewsletterSubscribeService newsletters,
        IOptions<DeliveryOptions> store, CancellationToken ct)
    {
        NoStore(http.Response);
        var agent = http.Request.Headers.UserAgent.ToString();
        var confirmation = await newsletters.ConfirmAsync(token, http.Connection.RemoteIpAddress?.ToString(), agent.Length == 0 ? null : agent, ct);
        return new RazorComponentResult<NewsletterPublicPage>(new
        {
            StoreName = store.Value.StoreName,
            State = confirmation is null ? NewsletterPageState.InvalidLink : NewsletterPageState.Confirmed,
            confirmation?.ListName, confirmation?.MaskedEmail,
        })
        { StatusCode = confirmation is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK };
    }

    private static RazorComponentResult<NewsletterPublicPage> Page(IOptions<DeliveryOptions> store, NewsletterPageState state,
        NewsletterPublicList? list, string slug) =>
        new(new
        {
            StoreName = store.Value.StoreName, State = state, ListName = list?.Name, list?.Description, ActionUrl = ActionUrl(slug),
        })
        { StatusCode = state == NewsletterPageState.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status200OK };

    private static string ActionUrl(string slug) => $"/newsletters/{Uri.EscapeDataString(slug)}/subscribe";

    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store, no-cache, must-revalidate, private";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "0";
    }
}
