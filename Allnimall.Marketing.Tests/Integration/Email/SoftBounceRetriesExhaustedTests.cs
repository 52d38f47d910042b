using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>
/// RELIABILITY T4, last step: a delivery whose SMTP retries run out on a 4xx mailbox reply ends failed and counts as a soft
/// bounce; at the configured number of soft bounces the address is suppressed. A relay outage suppresses nobody.
/// </summary>
public sealed class SoftBounceRetriesExhaustedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DeliveryDispatcher Dispatcher(CampaignTestStore store, string reply) => new(
        store.Database, new ScriptedTransport(_ => new TransportResult.TransientFailure(reply)), store.Renderer(),
        new FixedOptionsMonitor<DeliveryOptions>(store.Options), store.Pacer(), store.Clock,
        sanitizer: null, bounces: new BounceProcessor(store.Database, Microsoft.Extensions.Options.Options.Create(new EmailOptions
        {
            Bounces = new BounceMailboxOptions { SoftBounceLimit = 2, SoftBounceWindowDays = 30 },
        }), store.Clock));

    /// <summary>Launches a campaign to <paramref name="customer"/> and dispatches until its delivery is final.</summary>
    private static async Task SendUntilFinalAsync(CampaignTestStore store, Allnimall.Marketing.Core.Store.Customer customer, string reply)
    {
        var campaign = await store.EmailCampaignAsync([await store.SegmentAsync($"S{Guid.NewGuid():N}", customer)]);
        await store.Launcher().LaunchAsync(campaign, Ct);
        for (var attempt = 0; attempt < store.Options.MaxAttempts; attempt++)
        {
            await Dispatcher(store, reply).RunOnceAsync(100, Ct);
            store.Clock.Advance(store.Options.MaxRetryDelay + TimeSpan.FromMinutes(1));
        }
    }

    private static async Task<List<EmailSuppression>> SuppressionsAsync(CampaignTestStore store)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.EmailSuppressions.AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task Exhausted_mailbox_full_retries_count_as_soft_bounces_and_the_limit_suppresses_the_address()
    {
        await using var store = await CreateAsync();
        var ani = Customer("Ani");
        const string reply = "SMTP 452 4.2.2 Mailbox full, try again later";

        await SendUntilFinalAsync(store, ani, reply);

        var first = Assert.Single(await store.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Failed, first.Status);
        Assert.Equal(store.Options.MaxAttempts, first.Attempts);
        Assert.StartsWith($"Gave up after {store.Options.MaxAttempts} attempts", first.LastError, StringComparison.Ordinal);
        Assert.Empty(await SuppressionsAsync(store)); // one soft bounce of the two allowed

        await SendUntilFinalAsync(store, ani, reply);

        var all = await store.DeliveriesAsync();
        Assert.True(all.Count == 2 && all.All(d => d.Status == DeliveryStatus.Failed),
            string.Join("; ", all.Select(d => $"{d.Status} {d.Attempts} {d.LastError} {d.SkipReason}")));
        var suppression = Assert.Single(await SuppressionsAsync(store));
        Assert.Equal((EmailSuppressionReason.SoftBounceLimit, BounceProcessor.RetriesExhaustedSource), (suppression.Reason, suppression.Source));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(2, await db.CustomerEngagement.CountAsync(e => e.EngagementType == EngagementTypes.EmailBounced
            && e.EngagementData!.Contains("\"kind\":\"soft\"") && e.EngagementData.Contains("4.2.2"), Ct));
    }

    [Fact]
    public async Task Retries_exhausted_by_a_relay_outage_or_throttling_policy_suppress_nobody()
    {
        await using var store = await CreateAsync();
        var ani = Customer("Ani");

        await SendUntilFinalAsync(store, ani, "SMTP connection failed before DATA: Connection refused");
        await SendUntilFinalAsync(store, ani, "SMTP 451 4.3.0 Local error in processing");
        await SendUntilFinalAsync(store, ani, "SMTP 450 4.7.1 Policy: greylisted");

        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Failed, d.Status));
        Assert.Empty(await SuppressionsAsync(store));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(0, await db.CustomerEngagement.CountAsync(e => e.EngagementType == EngagementTypes.EmailBounced, Ct));
    }
}
