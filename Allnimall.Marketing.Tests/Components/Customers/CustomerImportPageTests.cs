using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Customers;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Allnimall.Marketing.Tests.Components.Customers;

public sealed class CustomerImportPageTests : BunitContext, IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<IDbContextFactory<MarketingDbContext>>(database);
        Services.AddSingleton(database.Clock);
        Services.AddStoreIngest();
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("marketer@demo.allnimall.test");
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Importing_a_file_shows_the_summary_and_the_rejected_rows()
    {
        var page = Render<CustomerImport>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "external_id,first_name,email\nC-1,Siti,siti@example.com\nC-2,,bad\n", "customers.csv"));
        await page.Find("button:contains('Import')").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("1 new customers", page.Markup));
        Assert.Contains("1 rejected", page.Markup);
        Assert.Contains("Download report (CSV)", page.Markup);
        Assert.Contains("Not a valid email address.", page.Markup);
        await using var db = database.CreateDbContext();
        Assert.Equal("Siti", (await db.Customers.SingleAsync(Ct)).FirstName);
    }

    [Fact]
    public void A_file_that_is_not_csv_is_refused_before_upload()
    {
        var page = Render<CustomerImport>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("x", "customers.xlsx"));

        page.WaitForAssertion(() => Assert.Contains("Only .csv files can be imported", page.Markup));
        Assert.True(page.Find("button:contains('Import')").HasAttribute("disabled"));
    }
}
