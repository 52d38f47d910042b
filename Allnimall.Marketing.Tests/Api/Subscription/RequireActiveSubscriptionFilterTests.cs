using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Subscription;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Api.Subscription;

/// <summary>
/// The API half of the gate, over HTTP: a minimal host maps a probe on a group with
/// <see cref="SubscriptionGateExtensions.RequireActiveSubscription"/>, as MarketingApi does for feature endpoints.
/// </summary>
public sealed class RequireActiveSubscriptionFilterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private SqliteTestDatabase database = default!;
    private WebApplication host = default!;
    private HttpClient client = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync(clock);
        await using (var db = database.CreateDbContext())
        {
            db.AddonSubscriptions.Add(new AddonSubscription
            {
                Status = SubscriptionStatus.Active, EndsAt = clock.GetUtcNow().UtcDateTime.AddDays(1),
                PeriodStart = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync(Ct);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IDbContextFactory<MarketingDbContext>>(database)
            .AddScoped<SubscriptionService>();
        host = builder.Build();
        host.MapGroup("/api/marketing").MapGroup("").RequireActiveSubscription().MapGet("/probe", () => "feature");
        await host.StartAsync(Ct);
        client = host.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task An_active_add_on_lets_the_request_through()
    {
        var response = await client.GetAsync("/api/marketing/probe", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("feature", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Past_the_end_date_the_api_answers_403_problem_details()
    {
        clock.Advance(TimeSpan.FromDays(2));

        var response = await client.GetAsync("/api/marketing/probe", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Marketing add-on not active", problem.GetProperty("title").GetString());
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_expired_status_answers_403_until_renewed()
    {
        var subscriptions = new SubscriptionService(database, clock);
        var update = new SubscriptionForm { Status = SubscriptionStatus.Expired, MonthlyEmailQuota = 10, MonthlySmsQuota = 1 };
        Assert.True((await subscriptions.UpdateAsync(update, Ct)).Succeeded);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/marketing/probe", Ct)).StatusCode);

        update.Status = SubscriptionStatus.Active;
        Assert.True((await subscriptions.UpdateAsync(update, Ct)).Succeeded);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/marketing/probe", Ct)).StatusCode);
    }
}
