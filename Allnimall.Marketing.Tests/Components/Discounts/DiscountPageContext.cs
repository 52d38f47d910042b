using System.Security.Claims;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Integration.Discounts;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Allnimall.Marketing.Tests.Components.Discounts;

/// <summary>
/// Discount pages over the real discount services and SQLite (<see cref="DiscountTestStore"/>: Kibble 150k cost 100k,
/// Leash 50k cost 20k, Cat toy 30k cost 10k), in the store's time zone (Jakarta), signed in with discounts.manage.
/// </summary>
public abstract class DiscountPageContext : MarketingBunitContext, IAsyncLifetime
{
    protected DiscountTestStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        Store = await DiscountTestStore.CreateAsync();
        Services.AddSingleton<TimeProvider>(Store.Clock);
        Services.AddSingleton(Store.Discounts);
        Services.AddSingleton(Store.Codes);
        Services.AddSingleton(Store.Pricing);
        Services.AddSingleton(Store.Redemptions);
        Services.AddSingleton(new MarginGuardrail(Store.Database, new MarginGuardrailOptions(), Store.Clock));
        Services.AddSingleton(new DiscountCatalogService(Store.Database));
        Services.AddSingleton(new StoreTimeZone(Options.Create(new StoreOptions { TimeZone = "Asia/Jakarta" })));
        Services.AddSingleton(sp => new CodeGenerationJobs(sp.GetRequiredService<IServiceScopeFactory>(), NullLogger<CodeGenerationJobs>.Instance));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await Store.DisposeAsync();
    }

    protected void SignIn(bool admin = false)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("staff@test");
        if (admin) auth.SetRoles(Roles.Admin);
        auth.SetClaims(new Claim(Permissions.ClaimType, Permissions.DiscountsManage), new Claim(ClaimTypes.NameIdentifier, Store.AdminId));
    }

    /// <summary>The page under MudBlazor's popover, snackbar and dialog providers.</summary>
    protected IRenderedComponent<IComponent> RenderPage<TPage>(params (string Name, object? Value)[] parameters)
        where TPage : IComponent => Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(3);
            foreach (var (name, value) in parameters) builder.AddComponentParameter(4, name, value);
            builder.CloseComponent();
        });
}
