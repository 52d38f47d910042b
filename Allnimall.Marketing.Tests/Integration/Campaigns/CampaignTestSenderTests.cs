using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>Test sends and previews on SQLite, through the app's own wiring (the outbox is the current transport).</summary>
public sealed class CampaignTestSenderTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CampaignTestStore store = null!;
    private ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        store = await CampaignTestStore.CreateAsync();
        services = store.Database.CampaignEditingServices(new Dictionary<string, string?> { ["Messaging:Templates:TimeZoneId"] = "UTC" });
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await store.DisposeAsync();
    }

    private CampaignTestSender Sender => services.GetRequiredService<CampaignTestSender>();

    [Fact]
    public async Task A_test_goes_through_the_transport_with_a_test_subject_and_records_no_delivery_or_engagement()
    {
        var segment = await store.SegmentAsync("Friends", CampaignTestStore.Customer("Budi"), CampaignTestStore.Customer("Ani"));
        var campaignId = await store.EmailCampaignAsync([segment]);

        var result = await Sender.SendAsync(campaignId, " qa@example.com ", null, Ct);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var message = Assert.Single(await store.OutboxAsync());
        Assert.True(message.IsTest);
        Assert.Null(message.DeliveryId);
        Assert.Equal("qa@example.com", message.Recipient);
        // The default sample is the audience's first reachable customer, by name.
        Assert.Equal("[Test] Hi Ani", message.Subject);
        Assert.Equal("<p>Hello Ani from Allnimall Pet Store</p>", message.Body);
        Assert.Equal($"outbox:{message.Id}", result.Value!.ProviderMessageId);
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(0, await db.CampaignDeliveries.CountAsync(Ct));
        Assert.Equal(0, await db.CustomerEngagement.CountAsync(Ct));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("")]
    [InlineData("Ani <ani@example.com>")]
    public async Task A_bad_email_address_is_a_field_error_and_nothing_is_sent(string recipient)
    {
        var campaignId = await store.EmailCampaignAsync([await store.SegmentAsync("Friends", CampaignTestStore.Customer("Ani"))]);

        var result = await Sender.SendAsync(campaignId, recipient, null, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains("name@example.com", result.Errors["recipient"][0]);
        Assert.Empty(await store.OutboxAsync());
    }

    [Fact]
    public async Task An_sms_test_goes_to_an_e164_number_rendered_for_the_chosen_customer()
    {
        var chosen = CampaignTestStore.Customer("Citra");
        var campaignId = await store.SmsCampaignAsync([await store.SegmentAsync("Friends", CampaignTestStore.Customer("Ani"), chosen)]);

        var badNumber = await Sender.SendAsync(campaignId, "0812345", null, Ct);
        var result = await Sender.SendAsync(campaignId, "+62 812 3456 7890", chosen.Id, Ct);

        Assert.Contains("+6281234567890", badNumber.Errors["recipient"][0]);
        Assert.True(result.Succeeded);
        var message = Assert.Single(await store.OutboxAsync());
        Assert.Equal(("+6281234567890", (string?)null, "Promo for Citra"), (message.Recipient, message.Subject, message.Body));
        Assert.Equal(DeliveryChannel.Sms, message.Channel);
    }

    [Fact]
    public async Task An_unsaved_draft_with_an_empty_audience_renders_for_a_placeholder_customer()
    {
        var draft = new CampaignMessageDraft(CampaignType.Email, "Draft", "Hi {{ customer.first_name | default: 'friend' }}", "<p>{{ customer.city }}</p>");

        var result = await Sender.SendAsync(draft, CampaignAudience.Empty, "qa@example.com", null, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal("Ani Lestari (sample)", result.Value!.SampleCustomerName);
        var message = Assert.Single(await store.OutboxAsync());
        Assert.Equal(("[Test] Hi Ani", "<p>Jakarta</p>"), (message.Subject, message.Body));
    }

    [Fact]
    public async Task Unknown_campaigns_and_social_posts_cannot_send_a_test()
    {
        var missing = await Sender.SendAsync(Guid.NewGuid(), "qa@example.com", null, Ct);
        var social = await Sender.SendAsync(new CampaignMessageDraft(CampaignType.Social, "Post", null, "Hello"), CampaignAudience.Empty,
            "qa@example.com", null, Ct);

        Assert.Equal(SaveStatus.NotFound, missing.Status);
        Assert.True(social.Errors.ContainsKey("type"));
        Assert.Empty(await store.OutboxAsync());
    }

    [Fact]
    public async Task The_preview_renders_exactly_what_the_dispatcher_sends()
    {
        var ani = CampaignTestStore.Customer("Ani");
        ani.City = "Bandung <Kota Kembang>";
        var segment = await store.SegmentAsync("Friends", ani);
        const string body = "<p>Hi {{ customer.first_name }} in {{ customer.city }}, from {{ store.name }} · {{ campaign.name }}</p>";
        var campaignId = await store.EmailCampaignAsync([segment], subject: "{{ customer.first_name }} & {{ store.name }}", body: body);
        var preview = await services.GetRequiredService<CampaignPreviewService>()
            .RenderAsync(new CampaignMessageDraft(CampaignType.Email, "November promo", "{{ customer.first_name }} & {{ store.name }}", body), ani.Id, Ct);

        await store.Launcher().LaunchAsync(campaignId, Ct);
        await store.Dispatcher().RunOnceAsync(10, Ct);

        var sent = Assert.Single(await store.OutboxAsync());
        Assert.Equal((sent.Subject, sent.Body), (preview.Subject, preview.Body));
        Assert.Contains("Bandung &lt;Kota Kembang&gt;", preview.Body); // merge values are HTML-encoded in both
    }

    [Fact]
    public async Task Sample_customers_are_the_reachable_audience_or_a_search_over_all_customers_with_contacts_masked()
    {
        var noConsent = CampaignTestStore.Customer("Dodi", email: false);
        var segment = await store.SegmentAsync("Friends", CampaignTestStore.Customer("Budi"), CampaignTestStore.Customer("Ani"), noConsent);
        await store.Database.AddAsync(CampaignTestStore.Customer("Anita"));
        var previews = services.GetRequiredService<CampaignPreviewService>();
        var audience = new CampaignAudience([segment], []);

        var reachable = await previews.SampleCustomersAsync(audience, DeliveryChannel.Email, null, includePii: false, Ct);
        var found = await previews.SampleCustomersAsync(audience, DeliveryChannel.Email, "ani", includePii: true, Ct);

        Assert.Equal(["Ani Test", "Budi Test"], reachable.Select(c => c.Name));
        Assert.Equal("a***@e***.com", reachable[0].Contact);
        Assert.Equal([("Ani Test", true), ("Anita Test", false)], found.Select(c => (c.Name, c.InAudience)));
        Assert.Equal("ani@example.com", found[0].Contact);
    }
}
