using AngleSharp.Dom;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Settings;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Allnimall.Marketing.Tests.Components.Settings;

/// <summary>Settings → Email suppressions over the real service and SQLite: list, search, add with field errors, remove after confirming.</summary>
public sealed class SuppressionsPageTests : MarketingBunitContext, IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private EmailSuppressionService service = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        database = await SqliteTestDatabase.CreateAsync(clock);
        service = new EmailSuppressionService(database, clock);
        Services.AddSingleton(service);
        AddAuthorization().SetAuthorized("marketer@example.com");
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
        builder.OpenComponent<SuppressionsPage>(2);
        builder.CloseComponent();
    });

    private static List<string> Emails(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("[data-testid=suppression-row]").Select(e => e.GetAttribute("data-email")!).ToList();

    [Fact]
    public void An_empty_list_says_how_addresses_get_there()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("Unsubscribes, bounces and complaints land here", cut.Find("[data-testid=suppression-empty]").TextContent));
    }

    [Fact]
    public async Task Lists_and_searches_the_suppressed_addresses()
    {
        await service.SuppressAsync("ani@example.com", EmailSuppressionReason.HardBounce, "bounce mailbox", Ct);
        await service.SuppressAsync("budi@example.com", EmailSuppressionReason.Unsubscribed, "one-click", Ct);
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(2, Emails(cut).Count));

        cut.Find("#suppression-search").Input("budi");

        cut.WaitForAssertion(() => Assert.Equal(["budi@example.com"], Emails(cut)), TimeSpan.FromSeconds(5));
        Assert.Equal("Unsubscribed", cut.Find("[data-testid=suppression-reason]").TextContent);
    }

    [Fact]
    public async Task Adding_a_bad_address_shows_the_error_at_the_field_and_a_good_one_lists_it()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=suppression-empty]"));

        cut.Find("#suppression-email").Change("not-an-address");
        cut.Find("[data-testid=suppression-add-button]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enter one email address", cut.Find("[data-testid=suppression-add]").TextContent));

        cut.Find("#suppression-email").Change("Citra@Example.com");
        cut.Find("[data-testid=suppression-add-button]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["citra@example.com"], Emails(cut)));
        Assert.True(await service.IsListedAsync("citra@example.com", Ct));
        Assert.DoesNotContain("Enter one email address", cut.Find("[data-testid=suppression-add]").TextContent);
    }

    [Fact]
    public async Task Remove_asks_first_and_keeping_it_changes_nothing()
    {
        await service.SuppressAsync("ani@example.com", EmailSuppressionReason.HardBounce, "bounce mailbox", Ct);
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(Emails(cut)));

        cut.Find("[data-testid=suppression-remove]").Click();
        DialogButton(cut, "Keep it").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.True(await service.IsListedAsync("ani@example.com", Ct));

        cut.Find("[data-testid=suppression-remove]").Click();
        DialogButton(cut, "Remove").Click();

        cut.WaitForAssertion(() => Assert.Empty(Emails(cut)));
        Assert.False(await service.IsListedAsync("ani@example.com", Ct));
    }

    private static IElement DialogButton(IRenderedComponent<IComponent> cut, string text)
    {
        IElement? button = null;
        cut.WaitForAssertion(() => button = cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text));
        return button!;
    }
}
