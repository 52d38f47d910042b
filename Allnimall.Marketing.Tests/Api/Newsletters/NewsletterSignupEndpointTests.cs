using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Newsletters;

/// <summary>
/// Double opt-in through the real app: the public sign-up (JSON and form), the confirmation email in the outbox, its
/// signed link, tampered and foreign tokens, and an answer that does not tell who is subscribed.
/// </summary>
public sealed partial class NewsletterSignupEndpointTests(NewsletterSignupEndpointTests.App app) : IClassFixture<NewsletterSignupEndpointTests.App>
{
    public sealed class App : MarketingAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Every request of this class comes from the same (test server) address.
            builder.UseSetting("Newsletters:PublicRequestsPerMinute", "1000");
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<NewsletterListItem> ListAsync(bool doubleOptIn = true)
    {
        using var scope = app.Services.CreateScope();
        var slug = $"pet-news-{Guid.NewGuid():N}"[..20];
        var result = await scope.ServiceProvider.GetRequiredService<NewsletterService>()
            .CreateAsync(new NewsletterListForm { Name = "Pet News", Slug = slug, DoubleOptIn = doubleOptIn }, Ct);
        return result.Value!;
    }

    private async Task<MarketingDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);

    private async Task<NewsletterSubscription?> SubscriptionAsync(Guid listId, string email)
    {
        await using var db = await DbAsync();
        return await db.NewsletterSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.ListId == listId && s.Email == email, Ct);
    }

    private async Task<List<string>> ConfirmationBodiesAsync(string email)
    {
        await using var db = await DbAsync();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Recipient == email && m.Subject!.StartsWith("Confirm your subscription"))
            .Select(m => m.Body).ToListAsync(Ct);
    }

    private static string ConfirmPath(string body) => new Uri(WebUtility.HtmlDecode(ConfirmLink().Match(body).Groups[1].Value)).AbsolutePath;

    [Fact]
    public async Task Subscribe_then_following_the_emailed_link_subscribes_and_records_the_consent()
    {
        var list = await ListAsync();
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("NewsletterTest/1.0");
        var email = $"ani-{Guid.NewGuid():N}@example.com";

        var signup = await client.PostAsJsonAsync($"/newsletters/{list.Slug}/subscribe", new { email = email.ToUpperInvariant(), name = "Ani" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, signup.StatusCode);
        var pending = await SubscriptionAsync(list.Id, email);
        Assert.Equal((NewsletterSubscriptionStatus.Pending, "Ani", NewsletterSubscribeService.PublicFormSource),
            (pending!.Status, pending.Name, pending.Source));
        var body = Assert.Single(await ConfirmationBodiesAsync(email));
        var path = ConfirmPath(body);
        Assert.StartsWith("/newsletters/confirm/", path);

        var confirm = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("You're subscribed to", WebUtility.HtmlDecode(await confirm.Content.ReadAsStringAsync(Ct)));
        Assert.False(confirm.Headers.Contains("Set-Cookie"));
        var subscribed = await SubscriptionAsync(list.Id, email);
        Assert.Equal(NewsletterSubscriptionStatus.Subscribed, subscribed!.Status);
        Assert.NotNull(subscribed.ConfirmedAt);
        Assert.Equal("NewsletterTest/1.0", subscribed.ConfirmedUserAgent);
        // Following the link again is harmless and still says subscribed.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_tampered_or_foreign_token_is_404_and_changes_nothing()
    {
        var list = await ListAsync();
        var client = app.CreateAnonymousClient();
        var email = $"budi-{Guid.NewGuid():N}@example.com";
        await client.PostAsJsonAsync($"/newsletters/{list.Slug}/subscribe", new { email }, Ct);
        var path = ConfirmPath(Assert.Single(await ConfirmationBodiesAsync(email)));
        var token = path[(path.LastIndexOf('/') + 1)..];
        var tampered = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        var subscription = await SubscriptionAsync(list.Id, email);
        var signer = app.Services.GetRequiredService<TrackingTokenSigner>();

        var responses = new[]
        {
            await client.GetAsync($"/newsletters/confirm/{tampered}", Ct),
            await client.GetAsync("/newsletters/confirm/garbage", Ct),
            // A valid unsubscribe token for the same id is not a confirmation.
            await client.GetAsync($"/newsletters/confirm/{signer.Sign(subscription!.Id, TrackingTokenKind.Unsubscribe)}", Ct),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains("not valid or has expired", await responses[0].Content.ReadAsStringAsync(Ct));
        Assert.Equal(NewsletterSubscriptionStatus.Pending, (await SubscriptionAsync(list.Id, email))!.Status);
    }

    [Fact]
    public async Task The_answer_is_the_same_for_a_new_a_pending_and_a_subscribed_address()
    {
        var list = await ListAsync();
        var client = app.CreateAnonymousClient();
        var fresh = $"new-{Guid.NewGuid():N}@example.com";
        var pending = $"pending-{Guid.NewGuid():N}@example.com";
        var subscribed = $"subscribed-{Guid.NewGuid():N}@example.com";
        await client.PostAsJsonAsync($"/newsletters/{list.Slug}/subscribe", new { email = pending }, Ct);
        using (var scope = app.Services.CreateScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<NewsletterService>().AddSubscriberAsync(list.Id,
                new NewsletterSubscriberForm { Email = subscribed, ConsentConfirmed = true }, "tester", Ct);
            Assert.True(added.Succeeded);
        }

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { fresh, pending, subscribed })
        {
            var response = await client.PostAsJsonAsync($"/newsletters/{list.Slug}/subscribe", new { email }, Ct);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(Ct)));
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.Accepted, answers[0].Item1);
        // The subscribed address is not mailed again, and the pending one not twice within the resend interval.
        Assert.Empty(await ConfirmationBodiesAsync(subscribed));
        Assert.Single(await ConfirmationBodiesAsync(pending));
        Assert.Single(await ConfirmationBodiesAsync(fresh));
        Assert.Equal(NewsletterSubscriptionStatus.Subscribed, (await SubscriptionAsync(list.Id, subscribed))!.Status);
    }

    [Fact]
    public async Task The_public_form_page_renders_and_answers_a_form_post_with_the_page()
    {
        var list = await ListAsync();
        var client = app.CreateAnonymousClient();

        var page = await client.GetAsync($"/newsletters/{list.Slug}", Ct);
        var bad = await client.PostAsync($"/newsletters/{list.Slug}/subscribe",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "not an address" }), Ct);
        var good = await client.PostAsync($"/newsletters/{list.Slug}/subscribe",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = $"form-{Guid.NewGuid():N}@example.com", ["name"] = "Citra" }), Ct);
        var unknown = await client.GetAsync("/newsletters/no-such-list", Ct);
        var unknownJson = await client.PostAsJsonAsync("/newsletters/no-such-list/subscribe", new { email = "a@example.com" }, Ct);
        var badJson = await client.PostAsJsonAsync($"/newsletters/{list.Slug}/subscribe", new { email = "nope" }, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Pet News", html);
        Assert.Contains($"action=\"/newsletters/{list.Slug}/subscribe\"", html);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("data-testid=\"email-error\"", await bad.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("data-testid=\"check-inbox\"", await good.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal("application/problem+json", badJson.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"email\"", await badJson.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_list_without_double_opt_in_still_makes_a_suppressed_address_confirm()
    {
        var list = await ListAsync(doubleOptIn: false);
        var client = app.CreateAnonymousClient();
        var direct = $"direct-{Guid.NewGuid():N}@example.com";
        var suppressed = $"suppressed-{Guid.NewGuid():N}@example.com";
        await using (var db = await DbAsync())
        {
            db.EmailSuppressions.Add(new Core.Email.Suppression.EmailSuppression
            {
                Email = suppressed, Reason = Core.Email.Suppression.EmailSuppressionReason.Unsubscribed, CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        await client.PostAsJsonAsync($"/newsletters/{list.Slug}/subscribe", new { email = direct }, Ct);
        await client.PostAsJsonAsync($"/newsletters/{list.Slug}/subscribe", new { email = suppressed }, Ct);

        Assert.Equal(NewsletterSubscriptionStatus.Subscribed, (await SubscriptionAsync(list.Id, direct))!.Status);
        Assert.Empty(await ConfirmationBodiesAsync(direct));
        Assert.Equal(NewsletterSubscriptionStatus.Pending, (await SubscriptionAsync(list.Id, suppressed))!.Status);
        var path = ConfirmPath(Assert.Single(await ConfirmationBodiesAsync(suppressed)));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, Ct)).StatusCode);

        // Confirming is a new, verified opt-in: the earlier "unsubscribed" suppression no longer stands.
        Assert.Equal(NewsletterSubscriptionStatus.Subscribed, (await SubscriptionAsync(list.Id, suppressed))!.Status);
        await using var check = await DbAsync();
        Assert.False(await check.EmailSuppressions.AnyAsync(s => s.Email == suppressed, Ct));
    }

    [GeneratedRegex("href=\"([^\"]*/newsletters/confirm/[^\"]+)\"")]
    private static partial Regex ConfirmLink();
}
