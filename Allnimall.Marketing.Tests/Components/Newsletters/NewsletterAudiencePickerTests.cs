using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Campaigns;
using Bunit;

namespace Allnimall.Marketing.Tests.Components.Newsletters;

/// <summary>The campaign audience picker's "Send to newsletter list" choice: shown for email only, counting the list's reachable subscribers.</summary>
public sealed class NewsletterAudiencePickerTests : MarketingBunitContext, IAsyncLifetime
{
    private CampaignTestStore store = null!;
    private NewsletterListOption list = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        store = await CampaignTestStore.CreateAsync();
        Services.AddCampaignEditingOver(store.Database);
        var service = new NewsletterService(store.Database, store.Clock);
        var created = (await service.CreateAsync(new NewsletterListForm { Name = "Pet News" }, Ct)).Value!;
        foreach (var email in new[] { "a@example.com", "b@example.com" })
            await service.AddSubscriberAsync(created.Id, new NewsletterSubscriberForm { Email = email, ConsentConfirmed = true }, "t", Ct);
        list = new NewsletterListOption(created.Id, created.Name, 2);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await store.DisposeAsync();
    }

    private IRenderedComponent<CampaignAudiencePicker> RenderPicker(DeliveryChannel channel, Guid? listId) =>
        Render<CampaignAudiencePicker>(p => p
            .Add(x => x.Segments, [])
            .Add(x => x.Include, [])
            .Add(x => x.Exclude, [])
            .Add(x => x.Channel, channel)
            .Add(x => x.NewsletterLists, [list])
            .Add(x => x.NewsletterListId, listId));

    [Fact]
    public void An_email_campaign_to_a_list_counts_its_subscribed_addresses()
    {
        var cut = RenderPicker(DeliveryChannel.Email, list.Id);
        Assert.NotEmpty(cut.FindAll("[data-testid=audience-mode]"));

        store.Clock.Advance(TimeSpan.FromMilliseconds(CampaignAudiencePicker.CountDebounceMs));

        cut.WaitForAssertion(() => Assert.Equal("2 subscribers will receive this (confirmed, not suppressed)",
            string.Join(' ', cut.Find("[data-testid=reachable-count]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public void An_sms_campaign_offers_no_newsletter_list()
    {
        var cut = RenderPicker(DeliveryChannel.Sms, null);

        Assert.Empty(cut.FindAll("[data-testid=audience-mode]"));
        Assert.Contains("Pick a segment", cut.Find("[data-testid=reachable-count]").TextContent);
    }
}
