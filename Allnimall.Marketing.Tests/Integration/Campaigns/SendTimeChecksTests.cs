using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>What the dispatcher checks again when it sends (not only at launch), and the engagement rows it writes.</summary>
public sealed class SendTimeChecksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<CustomerEngagement>> EngagementAsync(CampaignTestStore store)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.CustomerEngagement.AsNoTracking().ToListAsync(Ct);
    }

    private static string? Reason(CustomerEngagement e) =>
        e.EngagementData is null ? null : JsonDocument.Parse(e.EngagementData).RootElement.GetProperty("reason").GetString();

    [Fact]
    public async Task Customers_who_withdrew_consent_or_lost_their_address_after_launch_are_skipped_with_the_reason()
    {
        await using var store = await CreateAsync();
        var (stays, withdrew, deactivated, noAddress) = (Customer("Stays"), Customer("Withdrew"), Customer("Deactivated"), Customer("NoAddress"));
        var campaignId = await store.EmailCampaignAsync([await store.SegmentAsync("All", stays, withdrew, deactivated, noAddress)]);
        Assert.Equal(4, (await store.Launcher().LaunchAsync(campaignId, Ct)).Queued);
        await using (var db = store.Database.CreateDbContext())
        {
            await db.Customers.Where(c => c.Id == withdrew.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.EmailConsent, false), Ct);
            await db.Customers.Where(c => c.Id == deactivated.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.IsActive, false), Ct);
            await db.Customers.Where(c => c.Id == noAddress.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, (string?)null), Ct);
        }

        var result = await store.Dispatcher().RunOnceAsync(10, Ct);

        Assert.Equal(new DispatchResult(4, 1, 0, 0, 0, Skipped: 3), result);
        var deliveries = (await store.DeliveriesAsync()).ToDictionary(d => d.CustomerId!.Value);
        Assert.Equal(DeliveryStatus.Sent, deliveries[stays.Id].Status);
        Assert.Equal((DeliveryStatus.Skipped, "no email consent", 0), (deliveries[withdrew.Id].Status, deliveries[withdrew.Id].SkipReason, deliveries[withdrew.Id].Attempts));
        Assert.Equal((DeliveryStatus.Skipped, "customer inactive"), (deliveries[deactivated.Id].Status, deliveries[deactivated.Id].SkipReason));
        Assert.Equal((DeliveryStatus.Skipped, "no address on the channel"), (deliveries[noAddress.Id].Status, deliveries[noAddress.Id].SkipReason));
        Assert.Equal("stays@example.com", Assert.Single(await store.OutboxAsync()).Recipient);
        var engagement = await EngagementAsync(store);
        Assert.Equal(EngagementTypes.EmailSent, Assert.Single(engagement, e => e.CustomerId == stays.Id).EngagementType);
        var skipped = Assert.Single(engagement, e => e.CustomerId == withdrew.Id);
        Assert.Equal((EngagementTypes.EmailSkipped, "no email consent", campaignId), (skipped.EngagementType, Reason(skipped), skipped.CampaignId));
        Assert.Equal(4, engagement.Count);
    }

    [Fact]
    public async Task Sms_consent_is_checked_at_send_time_for_sms_only()
    {
        await using var store = await CreateAsync();
        var customer = Customer("Ani", sms: true);
        var segment = await store.SegmentAsync("All", customer);
        var sms = await store.SmsCampaignAsync([segment]);
        var email = await store.EmailCampaignAsync([segment]);
        await store.Launcher().LaunchAsync(sms, Ct);
        await store.Launcher().LaunchAsync(email, Ct);
        await using (var db = store.Database.CreateDbContext())
            await db.Customers.Where(c => c.Id == customer.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.SmsConsent, false), Ct);

        await store.Dispatcher().RunOnceAsync(10, Ct);

        var deliveries = await store.DeliveriesAsync();
        Assert.Equal((DeliveryStatus.Skipped, "no SMS consent"), deliveries.Where(d => d.CampaignId == sms).Select(d => (d.Status, d.SkipReason)).Single());
        Assert.Equal(DeliveryStatus.Sent, deliveries.Single(d => d.CampaignId == email).Status);
        var engagement = await EngagementAsync(store);
        Assert.Equal([EngagementTypes.EmailSent, EngagementTypes.SmsSkipped], engagement.Select(e => e.EngagementType).Order());
    }

    [Fact]
    public async Task Every_final_outcome_writes_exactly_one_engagement_row_and_retries_and_unknowns_write_none()
    {
        await using var store = await CreateAsync();
        store.Options.FrequencyCapMessages = 1;
        var (sent, rejected, flaky, lost, capped) = (Customer("Sent"), Customer("Rejected"), Customer("Flaky"), Customer("Lost"), Customer("Capped"));
        var earlier = await store.EmailCampaignAsync([await store.SegmentAsync("Capped", capped)]);
        await store.Launcher().LaunchAsync(earlier, Ct);
        await store.Dispatcher().RunOnceAsync(10, Ct); // capped got its one message this week
        var campaignId = await store.EmailCampaignAsync([await store.SegmentAsync("All", sent, rejected, flaky, lost, capped)]);
        await store.Launcher().LaunchAsync(campaignId, Ct);
        var flakyCalls = 0;
        var transport = new ScriptedTransport(m => m.Recipient switch
        {
            "rejected@example.com" => new TransportResult.PermanentFailure("550 no such user"),
            "flaky@example.com" when ++flakyCalls == 1 => new TransportResult.TransientFailure("421 try later"),
            "lost@example.com" => throw new IOException("connection reset"),
            _ => new TransportResult.Sent($"p-{m.DeliveryId}"),
        });

        var first = await store.Dispatcher(transport).RunOnceAsync(10, Ct);
        Assert.Equal(new DispatchResult(5, 1, 1, 1, 1, Skipped: 1), first);
        Assert.DoesNotContain(await EngagementAsync(store), e => e.CustomerId == flaky.Id); // a retry is not an outcome yet
        store.Clock.Advance(store.Options.MaxRetryDelay);
        await store.Dispatcher(transport).RunOnceAsync(10, Ct);
        await store.Dispatcher(transport).RunOnceAsync(10, Ct); // nothing left: nothing written twice

        var engagement = (await EngagementAsync(store)).Where(e => e.CampaignId == campaignId).ToList();
        Assert.Equal(EngagementTypes.EmailSent, Assert.Single(engagement, e => e.CustomerId == sent.Id).EngagementType);
        Assert.Equal(EngagementTypes.EmailSent, Assert.Single(engagement, e => e.CustomerId == flaky.Id).EngagementType);
        var failed = Assert.Single(engagement, e => e.CustomerId == rejected.Id);
        Assert.Equal(EngagementTypes.EmailFailed, failed.EngagementType);
        Assert.Contains("550 no such user", failed.EngagementData);
        var cappedRow = Assert.Single(engagement, e => e.CustomerId == capped.Id);
        Assert.Equal((EngagementTypes.EmailSkipped, "frequency cap"), (cappedRow.EngagementType, Reason(cappedRow)));
        Assert.DoesNotContain(engagement, e => e.CustomerId == lost.Id); // unknown: we do not know it was sent
        Assert.Equal(4, engagement.Count);
    }
}
