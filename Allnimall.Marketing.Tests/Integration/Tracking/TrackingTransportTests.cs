using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

/// <summary>The composition step between the dispatcher and the transport.</summary>
public sealed class TrackingTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Body = """<p>Hi {{ customer.first_name }} <a href="https://toko.example/sale?c={{ customer.first_name }}&amp;u=1">Sale</a> <a href="mailto:shop@toko.example">Mail us</a> <a href="{{ unsubscribe_url }}">Unsubscribe</a></p>""";

    [Fact]
    public async Task T14_each_email_gets_click_links_a_pixel_and_list_unsubscribe_and_its_links_are_stored()
    {
        await using var store = await CampaignTestStore.CreateAsync();

        var (_, sent) = await store.SendTrackedAsync(Body, CampaignTestStore.Customer("Ani"), CampaignTestStore.Customer("Budi"));

        Assert.Equal(2, sent.Received.Count);
        foreach (var message in sent.Received)
        {
            Assert.Contains("https://mail.toko.example/t/c/", message.Body);
            Assert.Contains("https://mail.toko.example/t/o/", message.Body);
            Assert.Contains("href=\"mailto:shop@toko.example\"", message.Body);
            Assert.Contains("href=\"https://mail.toko.example/u/", message.Body);
            Assert.StartsWith("<https://mail.toko.example/u/", message.Headers!["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        }
        await using var db = store.Database.CreateDbContext();
        var links = await db.EmailLinks.AsNoTracking().OrderBy(l => l.Url).Select(l => l.Url).ToListAsync(Ct);
        Assert.Equal(["https://toko.example/sale?c=Ani&u=1", "https://toko.example/sale?c=Budi&u=1"], links);
    }

    [Fact]
    public async Task A_retried_delivery_is_composed_again_and_its_links_replaced()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var (_, sent) = await store.SendTrackedAsync(Body, CampaignTestStore.Customer("Ani"));
        var message = Assert.Single(sent.Received) with { Body = """<a href="https://toko.example/again">x</a>""" };
        var again = new ScriptedTransport(_ => new TransportResult.Sent("again"));

        await store.TrackingTransport(again).SendAsync(message, Ct);

        await using var db = store.Database.CreateDbContext();
        Assert.Equal("https://toko.example/again", Assert.Single(await db.EmailLinks.Select(l => l.Url).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Sms_passes_through_untouched()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var inner = new ScriptedTransport(_ => new TransportResult.Sent("sms"));
        var sms = new OutgoingMessage(Guid.NewGuid(), DeliveryChannel.Sms, "+62812", null, "Promo https://toko.example/x");

        await store.TrackingTransport(inner).SendAsync(sms, Ct);

        Assert.Same(sms, Assert.Single(inner.Received));
    }

    [Fact]
    public async Task A_test_send_keeps_real_links_and_records_nothing()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var inner = new ScriptedTransport(_ => new TransportResult.Sent("test"));
        var test = new OutgoingMessage(Guid.NewGuid(), DeliveryChannel.Email, "staff@toko.example", "Test",
            $"""<a href="https://toko.example/sale">Sale</a> <a href="{MessageModel.UnsubscribeUrlPlaceholder}">Unsubscribe</a>""", IsTest: true);

        await store.TrackingTransport(inner).SendAsync(test, Ct);

        var received = Assert.Single(inner.Received);
        Assert.Contains("href=\"https://toko.example/sale\"", received.Body);
        Assert.Contains("href=\"https://mail.toko.example/u/", received.Body);
        Assert.DoesNotContain("/t/o/", received.Body);
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(0, await db.EmailLinks.CountAsync(Ct));
    }
}
