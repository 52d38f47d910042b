using Allnimall.Marketing.Core.Subscription;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Subscription;

public sealed class SubscriptionServiceTests : IAsyncLifetime
{
    // 2026-11-02 09:00 UTC: the start-up seed gives a 30-day trial, to 2026-12-02 09:00.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private SqliteTestDatabase database = default!;
    private ServiceProvider services = default!;
    private SubscriptionService subscriptions = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync(clock);
        services = await IdentityTestServices.CreateAsync(database);
        subscriptions = new SubscriptionService(database, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    private Task<SubscriptionSaveResult> SetAsync(SubscriptionStatus status, DateTime? endsAt, int emailQuota = 100, int smsQuota = 10) =>
        subscriptions.UpdateAsync(new SubscriptionForm
        {
            Status = status, EndsAt = endsAt, MonthlyEmailQuota = emailQuota, MonthlySmsQuota = smsQuota,
        }, Ct);

    [Fact]
    public async Task A_trial_is_active_until_its_end_and_the_job_then_marks_it_expired()
    {
        var seeded = await subscriptions.GetAsync(Ct);
        Assert.Equal(SubscriptionStatus.Trial, seeded.Status);
        Assert.True(seeded.IsActive);

        clock.Advance(TimeSpan.FromDays(30));
        var pastEnd = await subscriptions.GetAsync(Ct);
        Assert.False(pastEnd.IsActive);
        Assert.Equal(SubscriptionStatus.Trial, pastEnd.Status);

        await new RollSubscriptionPeriodJob(subscriptions, NullLogger<RollSubscriptionPeriodJob>.Instance) { CancellationToken = Ct }.Invoke();

        var expired = await subscriptions.GetAsync(Ct);
        Assert.Equal(SubscriptionStatus.Expired, expired.Status);
        Assert.False(expired.IsActive);
    }

    [Fact]
    public async Task An_active_subscription_without_end_date_stays_active_and_the_job_leaves_it_alone()
    {
        Assert.True((await SetAsync(SubscriptionStatus.Active, null)).Succeeded);
        clock.Advance(TimeSpan.FromDays(400));

        var result = await subscriptions.RollPeriodAsync(Ct);

        Assert.False(result.Expired);
        Assert.True((await subscriptions.GetAsync(Ct)).IsActive);
    }

    [Fact]
    public async Task Usage_resets_at_the_start_of_a_new_month()
    {
        Assert.True(await subscriptions.TryConsumeAsync(QuotaChannel.Email, 40, Ct));
        Assert.True(await subscriptions.TryConsumeAsync(QuotaChannel.Sms, 7, Ct));
        Assert.Equal((40, 7), Usage(await subscriptions.GetAsync(Ct)));

        clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero));
        Assert.False((await subscriptions.RollPeriodAsync(Ct)).UsageReset);
        Assert.Equal((40, 7), Usage(await subscriptions.GetAsync(Ct)));

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.Zero));
        var rolled = await subscriptions.RollPeriodAsync(Ct);

        Assert.True(rolled.UsageReset);
        var view = await subscriptions.GetAsync(Ct);
        Assert.Equal((0, 0), Usage(view));
        Assert.Equal(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), view.PeriodStart);
    }

    [Fact]
    public async Task Consuming_in_a_new_month_starts_from_zero_even_before_the_job_runs()
    {
        Assert.True((await SetAsync(SubscriptionStatus.Active, null, emailQuota: 50)).Succeeded);
        Assert.True(await subscriptions.TryConsumeAsync(QuotaChannel.Email, 50, Ct));
        Assert.False(await subscriptions.TryConsumeAsync(QuotaChannel.Email, 1, Ct));

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 1, TimeSpan.Zero));

        Assert.True(await subscriptions.TryConsumeAsync(QuotaChannel.Email, 50, Ct));
        Assert.Equal((50, 0), Usage(await subscriptions.GetAsync(Ct)));
    }

    [Fact]
    public async Task Consumption_is_refused_beyond_the_quota_and_when_the_add_on_is_not_active()
    {
        Assert.True((await SetAsync(SubscriptionStatus.Active, clock.GetUtcNow().UtcDateTime.AddDays(10), emailQuota: 10, smsQuota: 2)).Succeeded);

        Assert.True(await subscriptions.TryConsumeAsync(QuotaChannel.Email, 8, Ct));
        Assert.False(await subscriptions.TryConsumeAsync(QuotaChannel.Email, 3, Ct));
        Assert.True(await subscriptions.TryConsumeAsync(QuotaChannel.Email, 2, Ct));
        Assert.False(await subscriptions.TryConsumeAsync(QuotaChannel.Sms, 3, Ct));
        Assert.Equal((10, 0), Usage(await subscriptions.GetAsync(Ct)));

        Assert.True((await SetAsync(SubscriptionStatus.Expired, null, emailQuota: 1000, smsQuota: 1000)).Succeeded);
        Assert.False(await subscriptions.TryConsumeAsync(QuotaChannel.Sms, 1, Ct));

        Assert.True((await SetAsync(SubscriptionStatus.Active, clock.GetUtcNow().UtcDateTime.AddHours(1), emailQuota: 1000, smsQuota: 1000)).Succeeded);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.False(await subscriptions.TryConsumeAsync(QuotaChannel.Sms, 1, Ct));
        Assert.Equal((10, 0), Usage(await subscriptions.GetAsync(Ct)));
    }

    [Fact]
    public async Task Concurrent_consumers_never_exceed_the_quota()
    {
        Assert.True((await SetAsync(SubscriptionStatus.Active, null, emailQuota: 60)).Succeeded);

        var start = new TaskCompletionSource();
        var workers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            var granted = 0;
            for (var i = 0; i < 8; i++)
                if (await subscriptions.TryConsumeAsync(QuotaChannel.Email, 2, Ct)) granted += 2;
            return granted;
        }, Ct)).ToList();
        start.SetResult();
        var granted = (await Task.WhenAll(workers)).Sum();

        // 6 × 8 × 2 = 96 asked for, 60 available: exactly the quota is granted and counted.
        Assert.Equal(60, granted);
        Assert.Equal(60, (await subscriptions.GetAsync(Ct)).EmailsSentThisPeriod);
    }

    [Fact]
    public async Task Updates_are_validated_and_never_touch_usage()
    {
        Assert.True(await subscriptions.TryConsumeAsync(QuotaChannel.Email, 5, Ct));
        var now = clock.GetUtcNow().UtcDateTime;

        var trialWithoutEnd = await SetAsync(SubscriptionStatus.Trial, null);
        var activeEndingInThePast = await SetAsync(SubscriptionStatus.Active, now.AddDays(-1));
        var negativeQuota = await SetAsync(SubscriptionStatus.Active, null, emailQuota: -1);
        var missingStatus = await subscriptions.UpdateAsync(new SubscriptionForm { MonthlyEmailQuota = 1 }, Ct);

        Assert.Equal([nameof(SubscriptionForm.EndsAt)], trialWithoutEnd.FieldErrors.Keys);
        Assert.Equal([nameof(SubscriptionForm.EndsAt)], activeEndingInThePast.FieldErrors.Keys);
        Assert.Equal([nameof(SubscriptionForm.MonthlyEmailQuota)], negativeQuota.FieldErrors.Keys);
        Assert.Equal([nameof(SubscriptionForm.Status)], missingStatus.FieldErrors.Keys);
        Assert.Equal(SubscriptionStatus.Trial, (await subscriptions.GetAsync(Ct)).Status);

        var saved = await SetAsync(SubscriptionStatus.Active, now.AddYears(1), emailQuota: 5000, smsQuota: 500);
        Assert.True(saved.Succeeded);
        Assert.Equal(5000, saved.Saved!.MonthlyEmailQuota);
        Assert.Equal(5, saved.Saved.EmailsSentThisPeriod);
        Assert.Equal(now.AddYears(1), saved.Saved.EndsAt);
    }

    private static (int Email, int Sms) Usage(SubscriptionView view) => (view.EmailsSentThisPeriod, view.SmsSentThisPeriod);
}
