using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Web.Components.Pages.Discounts;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Components.Discounts;

/// <summary>The discount grid: type, status (from the switch, the campaign and the window), store-time window, usage, method.</summary>
public sealed class DiscountListTests : DiscountPageContext
{
    [Fact]
    public void With_no_discounts_the_page_says_what_to_do_and_offers_new_discount()
    {
        SignIn();

        var cut = RenderPage<DiscountList>();

        var empty = cut.WaitForElement("[data-testid=discounts-empty]");
        Assert.Contains("New discount", empty.TextContent);
        Assert.Equal("discounts/new", empty.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Each_discount_shows_type_status_store_time_window_usage_and_method()
    {
        SignIn();
        await Store.CreateAsync(f =>
        {
            f.Name = "Dog days";
            f.Value = 20;
            f.UsageLimit = 100;
            f.SharedCode = "DOG20";
            f.StartsAt = new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc);
        });
        await Store.CreateAsync(f =>
        {
            f.Name = "Free shipping weekend";
            f.Type = DiscountType.FreeShipping;
            f.Method = DiscountMethod.Automatic;
            f.StartsAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        });
        var paused = await Store.CreateAsync(f => f.Name = "Paused one");
        await using (var db = Store.Database.CreateDbContext())
            await db.Campaigns.Where(c => c.Id == paused.CampaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Paused), Ct);

        var cut = RenderPage<DiscountList>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=discount-name]").Count));
        var dog = Row(cut, "Dog days");
        Assert.Equal("percentage", dog.QuerySelector("[data-testid=discount-type]")!.GetAttribute("data-type"));
        Assert.Equal("active", dog.QuerySelector("[data-testid=discount-status]")!.GetAttribute("data-status"));
        Assert.StartsWith("1 Nov 2026 09:00", dog.QuerySelector("[data-testid=discount-window]")!.TextContent.Trim()); // 02:00 UTC in Jakarta
        Assert.Equal("0 / 100", dog.QuerySelector("[data-testid=discount-usage]")!.TextContent);
        Assert.Equal("Code", dog.QuerySelector("[data-testid=discount-method]")!.TextContent);
        var shipping = Row(cut, "Free shipping weekend");
        Assert.Equal("scheduled", shipping.QuerySelector("[data-testid=discount-status]")!.GetAttribute("data-status"));
        Assert.Equal("Automatic", shipping.QuerySelector("[data-testid=discount-method]")!.TextContent);
        // A paused campaign does not apply at checkout, so the list must not call it active.
        Assert.Equal("disabled", Row(cut, "Paused one").QuerySelector("[data-testid=discount-status]")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task Searching_by_a_shared_code_finds_its_discount()
    {
        SignIn();
        await Store.CreateAsync(f => { f.Name = "Dog days"; f.SharedCode = "DOG20"; });
        await Store.CreateAsync(f => f.Name = "Cat days");
        var cut = RenderPage<DiscountList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=discount-name]").Count));

        cut.Find("#discount-search").Input("dog20");
        Store.Clock.Advance(TimeSpan.FromSeconds(1)); // MudBlazor's debounce runs on the registered (fake) TimeProvider

        cut.WaitForAssertion(() => Assert.Equal(["Dog days"], cut.FindAll("[data-testid=discount-name]").Select(a => a.TextContent).ToArray()), TimeSpan.FromSeconds(5));
    }

    private static IElement Row(IRenderedComponent<IComponent> cut, string name) =>
        cut.FindAll("tr").Single(r => r.QuerySelector("[data-testid=discount-name]")?.TextContent == name);
}
