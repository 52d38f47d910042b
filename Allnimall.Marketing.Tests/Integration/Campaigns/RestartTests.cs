using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>
/// T12: nothing durable lives in Coravel or in memory. A "process" is a service provider built by the app's own
/// <c>AddMarketingCore</c> over one SQLite file; a crash is dropping it without any shutdown, and a restart is a new one
/// (new singletons: no recovery flag, no pacer, no schedule) over the same file.
/// </summary>
public sealed class RestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Process(CampaignTestStore store, IChannelTransport? transport = null)
    {
        string connectionString;
        using (var db = store.Database.CreateDbContext()) connectionString = db.Database.GetConnectionString()!;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marketing"] = connectionString,
            ["Delivery:DispatchBatchSize"] = "50",
            ["Delivery:StoreAddress"] = "Jl. Kemang 5, Jakarta",
            ["Messaging:Templates:TimeZoneId"] = "UTC",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(store.Clock);
        if (transport is not null) services.AddScoped(_ => transport);
        return services.AddMarketingCore(configuration, Path.GetTempPath()).BuildServiceProvider();
    }

    /// <summary>What the app's launcher accepts: the pre-send checklist needs the unsubscribe link and the address.</summary>
    private const string CompliantBody = "<p>Hello {{ customer.first_name }}</p><p>{{ store.address }} <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>";

    private static async Task RunAsync<TJob>(ServiceProvider process) where TJob : Coravel.Invocable.IInvocable
    {
        await using var scope = process.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TJob>().Invoke();
    }

    [Fact]
    public async Task After_a_kill_and_restart_due_campaigns_launch_once_queued_sends_happen_once_and_leased_rows_are_recovered()
    {
        await using var store = await CreateAsync();
        var scheduled = await store.EmailCampaignAsync([await store.SegmentAsync("Tomorrow", Enumerable.Range(0, 20).Select(i => Customer($"T{i:D2}")).ToArray())], body: CompliantBody);
        await RunDueCampaignsJobTests.SetAsync(store, scheduled, CampaignStatus.Scheduled, start: Now.AddDays(1));
        var queued = await store.EmailCampaignAsync([await store.SegmentAsync("Now", Enumerable.Range(0, 500).Select(i => Customer($"Q{i:D3}")).ToArray())], body: CompliantBody);

        // Process A launches the campaign (500 queued sends), runs the schedule (nothing due yet) and starts sending
        // with a transport that never answers: it dies holding a claimed batch of 50 with one message handed over.
        var handedOver = new TaskCompletionSource();
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var hanging = new ScriptedTransport(async (_, ct) =>
        {
            handedOver.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        var processA = Process(store, hanging);
        await using (var scope = processA.CreateAsyncScope())
            Assert.Equal(500, (await scope.ServiceProvider.GetRequiredService<CampaignLauncher>().LaunchAsync(queued, Ct)).Queued);
        await RunAsync<RunDueCampaignsJob>(processA);
        var scopeA = processA.CreateAsyncScope();
        var job = scopeA.ServiceProvider.GetRequiredService<DispatchDeliveriesJob>();
        job.CancellationToken = kill.Token;
        var dying = job.Invoke();
        await handedOver.Task.WaitAsync(Ct);
        Assert.Equal(50, (await store.DeliveriesAsync()).Count(d => d.ClaimToken != null));
        // kill -9: process A is simply gone; nothing of it is used again.

        store.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(6))); // past 09:00 tomorrow and past A's lease
        await using (var processB = Process(store))
        {
            await RunAsync<RunDueCampaignsJob>(processB);
            await RunAsync<DispatchDeliveriesJob>(processB);
            await RunAsync<DispatchDeliveriesJob>(processB);
            await RunAsync<RunDueCampaignsJob>(processB); // a second due-run (or instance) launches nothing more
        }

        var deliveries = await store.DeliveriesAsync();
        var outbox = await store.OutboxAsync();
        Assert.Equal(20, deliveries.Count(d => d.CampaignId == scheduled));
        Assert.All(deliveries.Where(d => d.CampaignId == scheduled), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        var unknown = Assert.Single(deliveries, d => d.Status == DeliveryStatus.Unknown); // the one A had handed over
        Assert.Equal(queued, unknown.CampaignId);
        Assert.DoesNotContain(outbox, m => m.DeliveryId == unknown.Id);
        Assert.Equal(499, deliveries.Count(d => d.CampaignId == queued && d.Status == DeliveryStatus.Sent));
        Assert.Equal(519, outbox.Count);
        Assert.Equal(519, outbox.Select(m => m.DeliveryId).Distinct().Count());
        await using (var db = store.Database.CreateDbContext())
            Assert.Equal(CampaignStatus.Completed, await db.Campaigns.Where(c => c.Id == scheduled).Select(c => c.Status).SingleAsync(Ct));

        // Let the dead process's last await finish, so the test leaves nothing running.
        await kill.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying);
        await scopeA.DisposeAsync();
        await processA.DisposeAsync();
        Assert.Equal(1, (await store.DeliveriesAsync()).Count(d => d.Status == DeliveryStatus.Unknown));
    }
}
