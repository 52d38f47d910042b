using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Allnimall.Marketing.Tests.Components;

/// <summary>
/// Base for component tests: MudBlazor's services, loose JS interop (MudBlazor measures and observes elements through
/// JS that a test has no browser for), and no demand for a MudPopoverProvider unless a test renders one.
/// Register the services a component injects in the test's constructor; authorization comes from AddAuthorization().
/// </summary>
public abstract class MarketingBunitContext : BunitContext
{
    protected MarketingBunitContext()
    {
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
