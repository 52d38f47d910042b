using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Settings;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Allnimall.Marketing.Tests.Components.Settings;

public sealed class ApiKeysPageTests : BunitContext, IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private ApiKeyService keys = null!;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        keys = new ApiKeyService(database, database.Clock);
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(keys);
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("admin@demo.allnimall.test");
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void Without_keys_the_page_explains_what_keys_are_for_and_how_the_store_sends_them()
    {
        var page = Render<ApiKeys>();

        page.WaitForAssertion(() => Assert.Contains("No API keys yet", page.Markup));
        Assert.Contains("X-Api-Key", page.Markup);
        Assert.Contains("/api/marketing/store/customers", page.Markup);
    }

    [Fact]
    public async Task Creating_a_key_shows_it_once_and_the_shown_key_authenticates()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ApiKeys>();

        // The click's handler waits for the dialog to close, so it is awaited at the end.
        var opening = page.Find("button:contains('Create API key')").ClickAsync(new());
        dialogs.WaitForElement("form#api-key-form");
        dialogs.Find("form#api-key-form input").Change("Store production");
        await dialogs.Find("form#api-key-form").SubmitAsync();

        var shown = dialogs.WaitForElement(".api-key-secret input").GetAttribute("value")!;
        Assert.Contains("shown only this once", dialogs.Markup);
        var authenticated = await keys.AuthenticateAsync(shown, Ct);
        Assert.Equal("Store production", authenticated!.Name);
        Assert.Equal([ApiScopes.IngestWrite], authenticated.Scopes);

        await dialogs.Find("button:contains('I have copied the key')").ClickAsync(new());
        await opening;
        page.WaitForAssertion(() => Assert.Contains("Store production", page.Markup));
        dialogs.WaitForAssertion(() => Assert.DoesNotContain(shown, dialogs.Markup));
        Assert.DoesNotContain(shown, page.Markup);
    }

    [Fact]
    public async Task The_form_requires_a_name_and_at_least_one_scope()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ApiKeys>();
        _ = page.Find("button:contains('Create API key')").ClickAsync(new());
        dialogs.WaitForElement("form#api-key-form");

        await dialogs.Find("form#api-key-form input[type=checkbox]").ChangeAsync(new() { Value = false });
        await dialogs.Find("form#api-key-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("Choose at least one scope.", dialogs.Markup));
        Assert.Contains("Give the key a name", dialogs.Markup);
        Assert.Empty(await keys.ListAsync(Ct));
    }

    [Fact]
    public async Task Revoking_asks_for_confirmation_first()
    {
        var created = await keys.CreateAsync("Old integration", [ApiScopes.IngestWrite], null, Ct);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ApiKeys>();

        var revoking = page.WaitForElement("button[aria-label='Revoke Old integration']").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke API key?", dialogs.Markup));
        Assert.Null((await keys.ListAsync(Ct)).Single().RevokedAt);

        await dialogs.Find(".mud-dialog-actions button:contains('Revoke')").ClickAsync(new());
        await revoking;

        page.WaitForAssertion(() => Assert.Contains("Revoked", page.Markup));
        Assert.Null(await keys.AuthenticateAsync(created.PlainTextKey, Ct));
    }
}
