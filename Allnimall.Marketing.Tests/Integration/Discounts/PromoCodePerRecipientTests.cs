using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Discounts;

/// <summary>
/// A unique code per recipient of an email or SMS campaign: handed out at launch, one per delivery, assigned to the
/// delivery's customer, shown as <c>{{ promo_code }}</c>; redeemed by anyone else it is a leak.
/// </summary>
public sealed class PromoCodePerRecipientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(DiscountTestStore Store, Guid DiscountId, Guid CampaignId, List<Customer> Customers) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    private static async Task<Setup> EmailCampaignWithCodesAsync(int recipients, string body = "<p>Hi {{ customer.first_name }}, your code: {{ promo_code }}</p>")
    {
        var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(f => f.Name = "Welcome back");
        var customers = Enumerable.Range(0, recipients).Select(i => new Customer
        {
            ExternalId = $"C-{i}", FirstName = $"Cust{i}", Email = $"cust{i}@example.com", EmailConsent = true, IsActive = true,
        }).ToList();
        var segment = new CustomerSegment { Name = "All", SegmentType = SegmentType.Static, SegmentCriteria = "{}", CreatedBy = store.AdminId };
        var campaign = new Campaign
        {
            Name = "Welcome back mail", CampaignType = CampaignType.Email, CreatedBy = store.AdminId, PromoDiscountId = discount.Id,
            TargetAudience = new CampaignAudience([segment.Id], []).ToJson(),
        };
        await store.Database.AddAsync([.. customers, segment,
            .. customers.Select(c => new SegmentCustomer { SegmentId = segment.Id, CustomerId = c.Id, AddedAt = DiscountTestStore.Now }),
            campaign, new EmailCampaign { CampaignId = campaign.Id, Subject = "Your code {{ promo_code }}", EmailContent = body }]);
        return new(store, discount.Id, campaign.Id, customers);
    }

    private static CampaignLauncher Launcher(DiscountTestStore store) => new(store.Database, store.Clock);

    private static DeliveryDispatcher Dispatcher(DiscountTestStore store) => new(store.Database, new OutboxTransport(store.Database, store.Clock),
        new MessageTemplateRenderer(store.Clock, Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" })),
        new FixedOptionsMonitor<DeliveryOptions>(new DeliveryOptions()), new DeliveryPacer(new FixedOptionsMonitor<DeliveryOptions>(new DeliveryOptions()), store.Clock, (_, _) => Task.CompletedTask),
        store.Clock);

    [Fact]
    public async Task Launch_hands_out_exactly_one_unique_code_per_delivery_assigned_to_its_customer()
    {
        await using var setup = await EmailCampaignWithCodesAsync(30);

        var launch = await Launcher(setup.Store).LaunchAsync(setup.CampaignId, Ct);

        Assert.Equal(30, launch.Queued);
        await using var db = setup.Store.Database.CreateDbContext();
        var deliveries = await db.CampaignDeliveries.AsNoTracking().Where(d => d.CampaignId == setup.CampaignId).ToListAsync(Ct);
        var codes = await db.PromoCodes.AsNoTracking().Where(p => p.CampaignDeliveryId != null).ToListAsync(Ct);
        Assert.Equal(30, codes.Count);
        Assert.Equal(30, codes.Select(c => c.Code).Distinct().Count());
        Assert.All(codes, code =>
        {
            var delivery = Assert.Single(deliveries, d => d.Id == code.CampaignDeliveryId);
            Assert.Equal(delivery.CustomerId, code.AssignedCustomerId);
            Assert.Equal(setup.DiscountId, code.DiscountCampaignId);
            Assert.False(code.IsShared);
            Assert.Equal(0, code.UsageCount);
        });
    }

    [Fact]
    public async Task Launching_again_hands_out_no_second_code()
    {
        await using var setup = await EmailCampaignWithCodesAsync(5);
        var launcher = Launcher(setup.Store);

        var results = await Task.WhenAll(launcher.LaunchAsync(setup.CampaignId, Ct), launcher.LaunchAsync(setup.CampaignId, Ct));
        var third = await launcher.LaunchAsync(setup.CampaignId, Ct);

        Assert.Equal(1, results.Count(r => r.Outcome == LaunchOutcome.Launched));
        Assert.Equal(LaunchOutcome.AlreadyLaunched, third.Outcome);
        await using var db = setup.Store.Database.CreateDbContext();
        Assert.Equal(5, await db.PromoCodes.CountAsync(p => p.CampaignDeliveryId != null, Ct));
    }

    [Fact]
    public async Task A_campaign_without_a_promo_discount_hands_out_no_codes_and_renders_an_empty_code()
    {
        await using var setup = await EmailCampaignWithCodesAsync(2);
        await using (var db = setup.Store.Database.CreateDbContext())
            await db.Campaigns.Where(c => c.Id == setup.CampaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.PromoDiscountId, (Guid?)null), Ct);

        await Launcher(setup.Store).LaunchAsync(setup.CampaignId, Ct);
        await Dispatcher(setup.Store).RunOnceAsync(10, Ct);

        await using var check = setup.Store.Database.CreateDbContext();
        Assert.Equal(0, await check.PromoCodes.CountAsync(p => p.CampaignDeliveryId != null, Ct));
        Assert.All(await check.OutboxMessages.ToListAsync(Ct), m => Assert.EndsWith("your code: </p>", m.Body));
    }

    [Fact]
    public async Task Each_sent_message_carries_its_customers_own_code_and_only_a_stranger_redeeming_it_is_a_leak()
    {
        await using var setup = await EmailCampaignWithCodesAsync(3);
        await Launcher(setup.Store).LaunchAsync(setup.CampaignId, Ct);

        var sent = await Dispatcher(setup.Store).RunOnceAsync(10, Ct);

        Assert.Equal(3, sent.Sent);
        await using var db = setup.Store.Database.CreateDbContext();
        var codes = await db.PromoCodes.AsNoTracking().Where(p => p.CampaignDeliveryId != null).ToListAsync(Ct);
        var outbox = await db.OutboxMessages.AsNoTracking().ToListAsync(Ct);
        foreach (var customer in setup.Customers)
        {
            var code = Assert.Single(codes, c => c.AssignedCustomerId == customer.Id).Code;
            var message = Assert.Single(outbox, m => m.Recipient == customer.Email);
            Assert.Equal($"<p>Hi {customer.FirstName}, your code: {code}</p>", message.Body);
            Assert.Equal($"Your code {code}", message.Subject);
        }

        var ownCode = codes.Single(c => c.AssignedCustomerId == setup.Customers[0].Id).Code;
        var strangersCode = codes.Single(c => c.AssignedCustomerId == setup.Customers[1].Id).Code;
        var own = await setup.Store.Redemptions.RedeemAsync(new RedeemRequest("O-1", DiscountTestStore.Cart("C-0", 1, ownCode)), Ct);
        var leaked = await setup.Store.Redemptions.RedeemAsync(new RedeemRequest("O-2", DiscountTestStore.Cart("C-2", 1, strangersCode)), Ct);

        Assert.False(Assert.Single(own.Value!.Redemptions).IsLeak);
        Assert.True(Assert.Single(leaked.Value!.Redemptions).IsLeak);
        Assert.Equal(1, (await setup.Store.Discounts.GetAsync(setup.DiscountId, Ct))!.LeakedRedemptions);
    }

    [Fact]
    public async Task Previews_and_test_sends_show_a_sample_code()
    {
        await using var setup = await EmailCampaignWithCodesAsync(1);
        var renderer = new CampaignMessageRenderer(
            new MessageTemplateRenderer(setup.Store.Clock, Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" })),
            new FixedOptionsMonitor<DeliveryOptions>(new DeliveryOptions()));

        var rendered = await renderer.RenderAsync(new CampaignMessageDraft(CampaignType.Email, "Mail", "Code {{ promo_code }}", "<b>{{ promo_code }}</b>"),
            CampaignMessageRenderer.PlaceholderCustomer, Ct);

        Assert.Equal(("Code PREVIEW-CODE", "<b>PREVIEW-CODE</b>"), (rendered.Subject, rendered.Body));
    }

    private static CampaignService CampaignService(DiscountTestStore store)
    {
        var liquid = new MessageTemplateRenderer(store.Clock, Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" }));
        return new(store.Database, Launcher(store), liquid, EmailContentTestServices.Composer(store.Database, liquid), store.Clock);
    }

    [Fact]
    public async Task A_message_showing_promo_code_without_a_discount_is_a_field_error_and_a_code_discount_fixes_it()
    {
        await using var setup = await EmailCampaignWithCodesAsync(1);
        var automatic = await setup.Store.CreateAsync(f => { f.Name = "Everyone"; f.Method = DiscountMethod.Automatic; });
        var service = CampaignService(setup.Store);
        var segment = await setup.Store.SegmentAsync("Any", setup.Customers[0]);
        var form = new CampaignForm
        {
            Name = "Codes", Type = CampaignType.Sms, IncludeSegments = [segment], SmsMessage = "Use {{ promo_code | upcase }} today",
        };

        var missing = await service.CreateAsync(form, setup.Store.AdminId, Ct);
        form.PromoDiscountId = automatic.Id;
        var notCodes = await service.CreateAsync(form, setup.Store.AdminId, Ct);
        form.PromoDiscountId = setup.DiscountId;
        var created = await service.CreateAsync(form, setup.Store.AdminId, Ct);

        Assert.Contains("promo_code", Assert.Single(missing.Errors[nameof(CampaignForm.PromoDiscountId)]));
        Assert.Equal("Choose an active or scheduled discount that uses codes.", Assert.Single(notCodes.Errors[nameof(CampaignForm.PromoDiscountId)]));
        Assert.True(created.Succeeded);
        Assert.Equal(setup.DiscountId, created.Value!.PromoDiscountId);
        var options = await service.PromoDiscountOptionsAsync(Ct);
        Assert.Equal([setup.DiscountId], options.Select(o => o.Id));
    }
}
