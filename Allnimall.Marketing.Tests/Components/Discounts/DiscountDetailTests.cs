using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Discounts;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Components.Discounts;

/// <summary>The discount page: lifecycle through its campaign, coherent with what pricing applies, and the redemption history.</summary>
public sealed class DiscountDetailTests : DiscountPageContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var liquid = new MessageTemplateRenderer(Store.Clock, Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" }));
        Services.AddSingleton(new CampaignService(Store.Database, new CampaignLauncher(Store.Database, Store.Clock), liquid,
            EmailContentTestServices.Composer(Store.Database, liquid), Store.Clock));
    }

    [Fact]
    public async Task Pausing_stops_pricing_and_activating_a_discount_saved_off_starts_it()
    {
        SignIn();
        var discount = await Store.CreateAsync(f => { f.Name = "Ten"; f.SharedCode = "TEN"; f.IsActive = false; });
        var cut = RenderPage<DiscountDetail>((nameof(DiscountDetail.Id), discount.Id));
        cut.WaitForAssertion(() => Assert.Equal("disabled", Status(cut)));
        Assert.False(await AppliesAsync());

        cut.Find("[data-testid=discount-action-activate]").Click();
        cut.WaitForAssertion(() => Assert.Equal("active", Status(cut)));
        Assert.True(await AppliesAsync());

        cut.Find("[data-testid=discount-action-pause]").Click();
        cut.WaitForAssertion(() => Assert.Equal("disabled", Status(cut)));
        Assert.False(await AppliesAsync());
        Assert.NotEmpty(cut.FindAll("[data-testid=discount-action-activate]"));
    }

    [Fact]
    public async Task Stopping_for_good_asks_first_then_hides_edit_and_later_edits_are_refused()
    {
        SignIn();
        var discount = await Store.CreateAsync(f => f.Name = "Ten");
        var cut = RenderPage<DiscountDetail>((nameof(DiscountDetail.Id), discount.Id));
        cut.WaitForElement("[data-testid=discount-action-cancel]").Click();

        cut.WaitForAssertion(() => cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Stop for good")).Click());

        cut.WaitForAssertion(() => Assert.Equal("cancelled", Status(cut)));
        Assert.Empty(cut.FindAll("[data-testid=discount-action-edit]"));
        var edit = await Store.Discounts.UpdateAsync(discount.Id, new DiscountForm { Name = "Revived", Value = 10 }, Ct);
        Assert.Equal(Core.Common.SaveStatus.Conflict, edit.Status);
    }

    [Fact]
    public async Task The_redemption_history_flags_a_leaked_code()
    {
        SignIn();
        var recipient = await Store.CustomerAsync("C-RECIPIENT");
        await Store.CustomerAsync("C-OTHER");
        var discount = await Store.CreateAsync(f => f.Name = "Sent codes");
        await Store.Database.AddAsync(new PromoCode { DiscountCampaignId = discount.Id, Code = "SENT-TO-1", AssignedCustomerId = recipient.Id });
        var redeemed = await Store.Redemptions.RedeemAsync(new RedeemRequest("O-LEAK", DiscountTestStoreCart("C-OTHER", "SENT-TO-1")), Ct);
        Assert.True(redeemed.Succeeded);

        var cut = RenderPage<DiscountDetail>((nameof(DiscountDetail.Id), discount.Id));

        var row = cut.WaitForElement("[data-testid=redemption-row][data-order=O-LEAK]");
        Assert.Equal("true", row.GetAttribute("data-leak"));
        Assert.Equal("LEAK", row.QuerySelector("[data-testid=redemption-leak]")!.TextContent);
        Assert.Contains("1 leaked", cut.Find("[data-testid=discount-leaks]").TextContent);
    }

    private static CheckoutCart DiscountTestStoreCart(string customer, string code) =>
        Integration.Discounts.DiscountTestStore.Cart(customer, 1, code);

    private async Task<bool> AppliesAsync() =>
        (await Store.Pricing.EvaluateAsync(Integration.Discounts.DiscountTestStore.Cart("C-1", 1, "TEN"), Ct)).Codes.Single().Applied;

    private static string? Status(IRenderedComponent<IComponent> cut) => cut.Find("[data-testid=discount-status]").GetAttribute("data-status");
}
