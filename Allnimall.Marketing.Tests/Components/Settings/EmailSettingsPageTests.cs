using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email.Settings;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Settings;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Allnimall.Marketing.Tests.Components.Settings;

/// <summary>Settings → Email over the app's own registrations and SQLite: secrets shown as set/not set, errors next to fields, a save.</summary>
public sealed class EmailSettingsPageTests : MarketingBunitContext, IAsyncLifetime
{
    private SqliteTestDatabase database = null!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marketing"] = "Data Source=:memory:", ["Email:Smtp:Password"] = "from-env",
            ["Delivery:StoreAddress"] = "Jl. Kemang 5, Jakarta",
        }).Build();
        Services.AddLogging().AddMarketingCore(configuration, Path.GetTempPath());
        Services.AddSingleton<IDbContextFactory<MarketingDbContext>>(database);
        AddAuthorization().SetAuthorized("admin@example.com");
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
        builder.OpenComponent<EmailSettingsPage>(1);
        builder.CloseComponent();
    });

    [Fact]
    public void Shows_the_configured_values_and_only_whether_each_secret_is_set()
    {
        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Contains("nothing is saved here yet", cut.Find("[data-testid=email-settings-source]").TextContent));
        var secrets = cut.FindAll("[data-testid=secret-status]").Select(s => s.TextContent).ToList();
        Assert.Contains(secrets, s => s.Contains("SMTP password: set") && s.Contains("Email__Smtp__Password"));
        Assert.Contains(secrets, s => s.Contains("DKIM private key: not set"));
        Assert.DoesNotContain("from-env", cut.Markup);
        Assert.Contains("Jl. Kemang 5, Jakarta", cut.Markup);
    }

    [Fact]
    public async Task A_bad_sender_shows_its_error_next_to_the_field_and_a_good_save_applies()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#email-from")));
        cut.Find("[data-testid=add-sender]").Click();
        cut.Find("#sender-0-name").Change("News");
        cut.Find("#sender-0-address").Change("news@");

        cut.Find("[data-testid=save-email-settings]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Sender 1: enter one valid email address.", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=email-settings-errors]"));
        await using (var db = database.CreateDbContext())
            Assert.False(await db.EmailSettings.AnyAsync(Ct));

        cut.Find("#sender-0-address").Change("news@petshop.example");
        cut.Find("[data-testid=save-email-settings]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved here", cut.Find("[data-testid=email-settings-source]").TextContent));
        Assert.Equal([new SenderIdentity("News", "news@petshop.example")], Services.GetRequiredService<EmailSettingsStore>().SenderIdentities);
    }
}
