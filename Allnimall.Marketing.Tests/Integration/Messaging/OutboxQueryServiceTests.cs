using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Microsoft.EntityFrameworkCore;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Messaging;

/// <summary>Settings → Outbox reads what the embedded transport stored, by page, channel, campaign and search.</summary>
public sealed class OutboxQueryServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An email campaign to Ani and Budi and an SMS campaign to Ani, both sent through the outbox.</summary>
    private static async Task<(CampaignTestStore Store, Guid Email, Guid Sms)> SendBothAsync()
    {
        var store = await CreateAsync();
        var segment = await store.SegmentAsync("Friends", Customer("Ani", sms: true), Customer("Budi"));
        var email = await store.EmailCampaignAsync([segment], subject: "Treats for {{ customer.first_name }}");
        var sms = await store.SmsCampaignAsync([segment], "Hi {{ customer.first_name }}\nFlash sale today");
        await using (var db = store.Database.CreateDbContext())
            await db.Campaigns.Where(c => c.Id == sms).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "SMS flash sale"), Ct);
        await store.Launcher().LaunchAsync(email, Ct);
        await store.Launcher().LaunchAsync(sms, Ct);
        Assert.Equal(3, (await store.Dispatcher().RunOnceAsync(10, Ct)).Sent);
        return (store, email, sms);
    }

    [Fact]
    public async Task Lists_every_message_newest_first_with_its_campaign_and_a_summary_line()
    {
        var (store, email, sms) = await SendBothAsync();
        await using var _ = store;
        var outbox = new OutboxQueryService(store.Database);

        var page = await outbox.ListAsync(new OutboxQuery(), Ct);

        Assert.Equal(3, page.TotalCount);
        var toAniByEmail = Assert.Single(page.Items, m => m.Channel == DeliveryChannel.Email && m.Recipient == "ani@example.com");
        Assert.Equal("Treats for Ani", toAniByEmail.Summary);
        Assert.Equal((email, "November promo"), (toAniByEmail.CampaignId!.Value, toAniByEmail.CampaignName!));
        var text = Assert.Single(page.Items, m => m.Channel == DeliveryChannel.Sms);
        Assert.Equal("Hi Ani …", text.Summary); // first line of the text, marked as continuing
        Assert.Equal((sms, "SMS flash sale"), (text.CampaignId!.Value, text.CampaignName!));
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt));
    }

    [Fact]
    public async Task Filters_by_channel_and_campaign_searches_recipient_and_text_and_pages()
    {
        var (store, email, sms) = await SendBothAsync();
        await using var _ = store;
        var outbox = new OutboxQueryService(store.Database);

        Assert.Equal(1, (await outbox.ListAsync(new OutboxQuery { Channel = DeliveryChannel.Sms }, Ct)).TotalCount);
        Assert.Equal(2, (await outbox.ListAsync(new OutboxQuery { CampaignId = email }, Ct)).TotalCount);
        Assert.Equal(0, (await outbox.ListAsync(new OutboxQuery { CampaignId = sms, Channel = DeliveryChannel.Email }, Ct)).TotalCount);
        var budi = await outbox.ListAsync(new OutboxQuery { Search = "budi@" }, Ct);
        Assert.Equal("budi@example.com", Assert.Single(budi.Items).Recipient);
        Assert.Equal(DeliveryChannel.Sms, Assert.Single((await outbox.ListAsync(new OutboxQuery { Search = "flash sale" }, Ct)).Items).Channel);
        Assert.Empty((await outbox.ListAsync(new OutboxQuery { Search = "100%" }, Ct)).Items); // % is a character, not a wildcard

        var second = await outbox.ListAsync(new OutboxQuery { PageSize = 2, Page = 2, SortBy = OutboxSortKeys.Recipient }, Ct);
        Assert.Equal(3, second.TotalCount);
        Assert.Equal("budi@example.com", Assert.Single(second.Items).Recipient); // the phone number sorts first, then ani, then budi
    }

    [Fact]
    public async Task Gets_one_message_in_full_and_lists_the_campaigns_that_have_messages()
    {
        var (store, email, sms) = await SendBothAsync();
        await using var _ = store;
        var outbox = new OutboxQueryService(store.Database);
        var row = (await outbox.ListAsync(new OutboxQuery { Channel = DeliveryChannel.Email, Search = "budi" }, Ct)).Items.Single();
        var idle = store.NewCampaign(CampaignType.Email, [], null);
        idle.Name = "Never launched";
        await using (var db = store.Database.CreateDbContext())
        {
            db.Campaigns.Add(idle);
            await db.SaveChangesAsync(Ct);
        }

        var message = await outbox.GetAsync(row.Id, Ct);

        Assert.NotNull(message);
        Assert.Equal("<p>Hello Budi from Allnimall Pet Store</p>", message.Body);
        Assert.Equal("Treats for Budi", message.Subject);
        Assert.Equal("November promo", message.CampaignName);
        Assert.Null(await outbox.GetAsync(Guid.NewGuid(), Ct));
        Assert.Equal(new[] { email, sms }.Order(), (await outbox.CampaignsAsync(Ct)).Select(c => c.Id).Order());
    }
}
