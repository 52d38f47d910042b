using System.Security.Claims;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Segments;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Allnimall.Marketing.Tests.Components.Segments.EditorSelects;
using static Allnimall.Marketing.Tests.Support.StoreTestData;

namespace Allnimall.Marketing.Tests.Components.Segments;

/// <summary>Saving from the segment editor: field errors, creating, editing and static lists, on a real service and SQLite.</summary>
public sealed class SegmentEditTests : MarketingBunitContext, IAsyncLifetime
{
    private readonly string userId = Guid.NewGuid().ToString();
    private SqliteTestDatabase database = null!;
    private SegmentService segments = null!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        segments = database.CreateSegmentService();
        Services.AddSingleton(database.Clock);
        Services.AddSingleton(segments);
        await database.AddAsync(new ApplicationUser { Id = userId, UserName = "marketer@example.com", Email = "marketer@example.com" },
            Customer("S-1", "Ani", "Lestari", "ani@example.com", city: "Bandung"), Customer("S-2", "Budi", "Santoso", "budi@example.com", city: "Bandung"),
            Customer("S-3", "Citra", "Dewi", "citra@example.com", city: "Medan"));
        var auth = AddAuthorization();
        auth.SetAuthorized("marketer@example.com");
        auth.SetClaims(new Claim(Permissions.ClaimType, Permissions.SegmentsManage), new Claim(ClaimTypes.NameIdentifier, userId));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Saving_without_a_name_or_a_finished_rule_shows_each_error_in_place_and_saves_nothing()
    {
        var cut = RenderEditor();

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Give the segment a name.", cut.Find(".mud-input-control:has(#segment-name)").TextContent));
        Assert.Equal(RuleTree.MissingFieldMessage, cut.Find("[data-rule-error='rules[0]']").TextContent);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Creating_a_dynamic_segment_saves_its_rule_fills_it_and_opens_its_page()
    {
        var cut = RenderEditor();
        cut.Find("#segment-name").Input("Bandung");
        var condition = cut.WaitForElement("[role=group][aria-label='Condition 1']");
        Choose(cut, condition, "Field", "City");
        Pick(cut, cut.WaitForElement("[role=group][aria-label='Condition 1']"), "Cities", "Bandung");

        cut.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches("/segments/[0-9a-f-]{36}$", navigation.Uri));
        var id = Guid.Parse(navigation.Uri[^36..]);
        var saved = await segments.GetAsync(id, Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(saved);
        Assert.Equal("Bandung", saved.Name);
        Assert.Equal(2, saved.CustomerCount);
        Assert.Equal("Customers in Bandung", saved.Summary);
    }

    [Fact]
    public async Task Editing_loads_the_rule_into_the_builder_and_saves_the_change()
    {
        var created = await segments.CreateAsync(new SegmentForm
        {
            Name = "Bandung",
            Rule = new SegmentRuleGroup { Rules = [new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = ["Bandung"] }] },
        }, userId, Xunit.TestContext.Current.CancellationToken);
        var cut = RenderEditor(created.Value!.Id);
        var condition = cut.WaitForElement("[role=group][aria-label='Condition 1']");
        Assert.Equal("City", condition.QuerySelector("input[aria-label=Field]")!.GetAttribute("value"));
        Assert.Equal("Bandung", condition.QuerySelector("input[aria-label=Cities]")!.GetAttribute("value"));

        Choose(cut, condition, "Operator", "is none of");
        cut.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith($"/segments/{created.Value.Id}", navigation.Uri));
        var saved = await segments.GetAsync(created.Value.Id, Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("Customers not in Bandung", saved!.Summary);
        Assert.Equal(1, saved.CustomerCount);
    }

    [Fact]
    public async Task A_new_static_segment_takes_pasted_emails_and_store_ids_and_reports_those_not_found()
    {
        var cut = RenderEditor();
        cut.Find("#segment-name").Input("Hand-picked");
        cut.FindAll("input[type=radio]")[1].Click();
        cut.Find("#static-member-keys").Input("ani@example.com\nS-3, nobody@example.com");

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("[data-static-key-count]").GetAttribute("data-static-key-count")));
        cut.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches("/segments/[0-9a-f-]{36}$", navigation.Uri));
        var saved = await segments.GetAsync(Guid.Parse(navigation.Uri[^36..]), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(SegmentType.Static, saved!.Type);
        Assert.Equal(2, saved.CustomerCount);
        Assert.Contains(cut.FindAll(".mud-snackbar"), s => s.TextContent.Contains("2 customers (1 not found)"));
    }

    private async Task<int> CountAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.CustomerSegments.CountAsync();
    }

    private IRenderedComponent<IComponent> RenderEditor(Guid? id = null)
    {
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<SegmentEdit>(2);
            if (id is not null) builder.AddComponentParameter(3, nameof(SegmentEdit.Id), id);
            builder.CloseComponent();
        });
        cut.WaitForElement("#segment-name");
        return cut;
    }
}
