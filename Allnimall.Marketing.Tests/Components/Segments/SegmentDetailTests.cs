using System.Security.Claims;
using AngleSharp.Dom;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Segments;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Allnimall.Marketing.Tests.Support.StoreTestData;

namespace Allnimall.Marketing.Tests.Components.Segments;

/// <summary>A segment's page: summary, members (masked per permission, T40), size history and static-list removal.</summary>
public sealed class SegmentDetailTests : MarketingBunitContext, IAsyncLifetime
{
    private readonly string userId = Guid.NewGuid().ToString();
    private SqliteTestDatabase database = null!;
    private SegmentService segments = null!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        segments = database.CreateSegmentService();
        // The size chart fills its box, which it measures through JS: give it a box.
        JSInterop.Setup<MudBlazor.Interop.ElementSize>("mudObserveElementSize", _ => true).SetResult(new() { Width = 800, Height = 260 });
        Services.AddSingleton(database.Clock);
        Services.AddSingleton(segments);
        await database.AddAsync(new ApplicationUser { Id = userId, UserName = "marketer@example.com", Email = "marketer@example.com" },
            Customer("S-1", "Ani", "Lestari", "ani.lestari@example.com", "+6281234564567", city: "Bandung"),
            Customer("S-2", "Budi", "Santoso", "budi@example.com", "+6285711112222", city: "Bandung"),
            Customer("S-3", "Citra", "Dewi", "citra@example.com", city: "Medan"));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Shows_the_summary_count_and_members_with_contact_details_masked_without_pii_permission()
    {
        SignInWith(Permissions.SegmentsManage);
        var id = await CreateDynamicAsync();

        var cut = RenderDetail(id);

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        Assert.Equal("Bandung", cut.Find("h4").TextContent);
        Assert.Equal("Customers in Bandung", cut.Find("[data-segment-summary]").TextContent.Trim());
        Assert.Equal("2", cut.Find("[data-kpi=Customers]").TextContent);
        Assert.Contains("a***@e***.com", cut.Markup);
        Assert.Contains("+62******4567", cut.Markup);
        Assert.DoesNotContain("ani.lestari@example.com", cut.Markup);
        Assert.DoesNotContain("+6281234564567", cut.Markup);
    }

    [Fact]
    public async Task Shows_full_contact_details_with_pii_permission_and_charts_the_size_once_refreshed_twice()
    {
        SignInWith(Permissions.SegmentsManage, Permissions.CustomersPii);
        var id = await CreateDynamicAsync();
        await segments.RefreshAsync(id, Xunit.TestContext.Current.CancellationToken);

        var cut = RenderDetail(id);

        cut.WaitForAssertion(() => Assert.Contains("ani.lestari@example.com", cut.Markup));
        Assert.Equal(2, cut.FindAll(".mud-chart-serie.mud-chart-point").Count); // one point per refresh
        Assert.Empty(cut.FindAll("[data-empty-state=history]"));
    }

    [Fact]
    public async Task Removing_a_member_of_a_static_segment_asks_first_then_removes_only_that_customer()
    {
        SignInWith(Permissions.SegmentsManage);
        var created = await segments.CreateAsync(new SegmentForm { Name = "Hand-picked", Type = SegmentType.Static }, userId,
            Xunit.TestContext.Current.CancellationToken);
        await segments.AddStaticMembersAsync(created.Value!.Id, ["S-1", "budi@example.com"], Xunit.TestContext.Current.CancellationToken);
        var cut = RenderDetail(created.Value.Id);
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        cut.Find("button[aria-label='Remove Budi Santoso']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Remove from segment?", cut.Find(".mud-dialog").TextContent));
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove").Click();

        cut.WaitForAssertion(() => Assert.Equal("Ani Lestari", Assert.Single(Rows(cut)).QuerySelector("td")!.TextContent.Trim()));
        var after = await segments.GetAsync(created.Value.Id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(1, after!.CustomerCount);
    }

    [Fact]
    public void An_unknown_id_says_so()
    {
        SignInWith(Permissions.SegmentsManage);

        var cut = RenderDetail(Guid.CreateVersion7());

        cut.WaitForAssertion(() => Assert.Contains("No segment with this id", cut.Find("[data-not-found=segment]").TextContent));
    }

    private async Task<Guid> CreateDynamicAsync()
    {
        var result = await segments.CreateAsync(new SegmentForm
        {
            Name = "Bandung",
            Rule = new SegmentRuleGroup { Rules = [new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = ["Bandung"] }] },
        }, userId, Xunit.TestContext.Current.CancellationToken);
        return result.Value!.Id;
    }

    private void SignInWith(params string[] permissions)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("marketer@example.com");
        auth.SetClaims([.. permissions.Select(p => new Claim(Permissions.ClaimType, p)), new Claim(ClaimTypes.NameIdentifier, userId)]);
    }

    private IRenderedComponent<IComponent> RenderDetail(Guid id) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<SegmentDetail>(2);
        builder.AddComponentParameter(3, nameof(SegmentDetail.Id), id);
        builder.CloseComponent();
    });

    private static List<IElement> Rows(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("tbody tr").Where(r => r.QuerySelectorAll("td").Length > 1).ToList();
}
