using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Newsletters;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Allnimall.Marketing.Tests.Components.Newsletters;

/// <summary>The Newsletters page over the real service and SQLite: empty state, counts per status, create with field errors, delete after confirming.</summary>
public sealed class NewsletterListsTests : MarketingBunitContext, IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private NewsletterService service = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        database = await SqliteTestDatabase.CreateAsync(clock);
        service = new NewsletterService(database, clock);
        Services.AddSingleton(service);
        Services.AddSingleton(Options.Create(new EmailTrackingOptions { BaseUrl = "https://toko.example" }));
        AddAuthorization().SetAuthorized("marketer@example.com").SetPolicies(Permissions.CampaignsView, Permissions.CampaignsManage);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await database.DisposeAsync();
    }

    private IRenderedComponent<IComponent> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<NewsletterLists>(2);
        builder.CloseComponent();
    });

    [Fact]
    public void An_empty_page_says_what_to_do()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("No newsletter list yet", cut.Find("[data-testid=newsletter-empty]").TextContent));
    }

    [Fact]
    public async Task Lists_show_counts_per_status_and_the_public_address()
    {
        var list = (await service.CreateAsync(new NewsletterListForm { Name = "Pet News" }, Ct)).Value!;
        await service.AddSubscriberAsync(list.Id, new NewsletterSubscriberForm { Email = "a@example.com", ConsentConfirmed = true }, "t", Ct);
        var b = await service.AddSubscriberAsync(list.Id, new NewsletterSubscriberForm { Email = "b@example.com", ConsentConfirmed = true }, "t", Ct);
        await service.UnsubscribeAsync(list.Id, b.Value!.Id, "staff: t", Ct);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=count-subscribed]").TextContent));
        Assert.Equal("0", cut.Find("[data-testid=count-pending]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=count-unsubscribed]").TextContent);
        Assert.Equal("https://toko.example/newsletters/pet-news", cut.Find("[data-testid=newsletter-url]").TextContent);
    }

    [Fact]
    public async Task Creating_shows_field_errors_then_lists_the_new_list()
    {
        await service.CreateAsync(new NewsletterListForm { Name = "Taken", Slug = "taken" }, Ct);
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=newsletter-row]"));

        cut.Find("[data-testid=newsletter-new]").Click();
        cut.Find("#newsletter-name").Change("Cat Club");
        cut.Find("#newsletter-slug").Change("taken");
        cut.Find("[data-testid=newsletter-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Another list uses this web address", cut.Find("[data-testid=newsletter-editor]").TextContent));

        cut.Find("#newsletter-slug").Change("cat-club");
        cut.Find("[data-testid=newsletter-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["cat-club", "taken"],
            cut.FindAll("[data-testid=newsletter-row]").Select(r => r.GetAttribute("data-slug")!).Order()));
        Assert.Empty(cut.FindAll("[data-testid=newsletter-editor]"));
    }

    [Fact]
    public async Task Deleting_asks_first_and_removes_the_list()
    {
        await service.CreateAsync(new NewsletterListForm { Name = "Pet News" }, Ct);
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=newsletter-row]"));

        cut.Find("[data-testid=newsletter-delete]").Click();
        cut.WaitForAssertion(() => Assert.Contains("cannot be undone", cut.Markup));
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Delete" && b.GetAttribute("data-testid") is null).Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=newsletter-empty]"));
        Assert.Empty(await service.ListsAsync(Ct));
    }
}
