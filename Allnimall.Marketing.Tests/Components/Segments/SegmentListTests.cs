using System.Security.Claims;
using AngleSharp.Dom;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Segments;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using static Allnimall.Marketing.Tests.Support.StoreTestData;

namespace Allnimall.Marketing.Tests.Components.Segments;

/// <summary>The segment grid over a real SegmentService and SQLite database.</summary>
public sealed class SegmentListTests : MarketingBunitContext, IAsyncLifetime
{
    private readonly string userId = Guid.NewGuid().ToString();
    private SqliteTestDatabase database = null!;
    private SegmentService segments = null!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        segments = database.CreateSegmentService();
        Services.AddSingleton<TimeProvider>(database.Clock);
        Services.AddSingleton(segments);
        await database.AddAsync(new ApplicationUser { Id = userId, UserName = "marketer@example.com", Email = "marketer@example.com" },
            Customer("S-1", "Ani", "Lestari", city: "Bandung"), Customer("S-2", "Budi", "Santoso", city: "Bandung"),
            Customer("S-3", "Citra", "Dewi", city: "Medan"));
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
    public async Task Renders_a_row_per_segment_with_description_type_and_count()
    {
        await CreateAsync("Bandung customers", "Everyone in Bandung", "Bandung");
        await CreateAsync("Medan customers", null, "Medan");
        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var bandung = Row(cut, "Bandung customers");
        Assert.Contains("Everyone in Bandung", bandung.TextContent);
        Assert.Contains("Dynamic", bandung.TextContent);
        Assert.Equal("2", bandung.QuerySelector("[data-customer-count]")!.TextContent);
        Assert.Equal("1", Row(cut, "Medan customers").QuerySelector("[data-customer-count]")!.TextContent);
        Assert.Contains("just now", bandung.TextContent);
    }

    [Fact]
    public async Task Delete_asks_for_confirmation_and_cancelling_keeps_the_segment()
    {
        await CreateAsync("Bandung customers", null, "Bandung");
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Row(cut, "Bandung customers").QuerySelector("button[aria-label='Delete Bandung customers']")!.Click();

        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains("Delete segment?", dialog.TextContent);
        Assert.Contains("“Bandung customers” and its list of 2 customers will be deleted", dialog.TextContent);
        DialogButton(cut, "Cancel").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Single(Rows(cut));
        Assert.Equal(1, await CountSegmentsAsync());
    }

    [Fact]
    public async Task Confirming_the_delete_removes_the_segment()
    {
        await CreateAsync("Bandung customers", null, "Bandung");
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Row(cut, "Bandung customers").QuerySelector("button[aria-label='Delete Bandung customers']")!.Click();
        cut.WaitForElement(".mud-dialog");
        DialogButton(cut, "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal(0, CountSegmentsAsync().GetAwaiter().GetResult()));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-empty-state=segments]")));
    }

    [Fact]
    public async Task Deleting_a_segment_a_live_campaign_targets_explains_which_campaign_uses_it()
    {
        var id = await CreateAsync("Bandung customers", null, "Bandung");
        await database.AddAsync(new Campaign
        {
            Name = "Bandung cat week", Status = CampaignStatus.Active, CreatedBy = userId,
            TargetAudience = $$"""{"include":["{{id}}"]}""",
        });
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Single(Rows(cut)));

        Row(cut, "Bandung customers").QuerySelector("button[aria-label='Delete Bandung customers']")!.Click();
        cut.WaitForElement(".mud-dialog");
        DialogButton(cut, "Delete").Click();

        cut.WaitForAssertion(() => Assert.Contains("This segment is in use", cut.Find(".mud-dialog").TextContent));
        Assert.Contains("\"Bandung cat week\"", cut.Find(".mud-dialog").TextContent);
        Assert.Equal(1, await CountSegmentsAsync());
    }

    [Fact]
    public void With_no_segments_the_page_explains_them_and_links_to_the_editor()
    {
        var cut = RenderList();

        var intro = cut.WaitForElement("[data-empty-state=segments]");
        Assert.Contains("A segment is a group of customers", intro.TextContent);
        Assert.Contains(intro.QuerySelectorAll("a"), a => a.GetAttribute("href") == "segments/new");
    }

    [Fact]
    public async Task Search_narrows_the_rows_on_the_server()
    {
        await CreateAsync("Bandung customers", null, "Bandung");
        await CreateAsync("Medan customers", null, "Medan");
        var cut = Render<SegmentList>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));

        cut.Find("#segment-search").Input("medan");
        // MudBlazor times the search box's debounce with the registered TimeProvider: the test's fake clock.
        ((FakeTimeProvider)database.Clock).Advance(TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Contains("Medan customers", Assert.Single(cut.FindAll("tbody tr")).TextContent), TimeSpan.FromSeconds(5));
    }

    private async Task<Guid> CreateAsync(string name, string? description, string city)
    {
        var result = await segments.CreateAsync(new SegmentForm
        {
            Name = name, Description = description,
            Rule = new SegmentRuleGroup { Rules = [new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = [city] }] },
        }, userId, Xunit.TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded);
        return result.Value!.Id;
    }

    private async Task<int> CountSegmentsAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.CustomerSegments.CountAsync();
    }

    private IRenderedComponent<IComponent> RenderList() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<SegmentList>(2);
        builder.CloseComponent();
    });

    /// <summary>Data rows only (the "no records" row has a single cell).</summary>
    private static List<IElement> Rows(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("tbody tr").Where(r => r.QuerySelectorAll("td").Length > 1).ToList();

    private static IElement Row(IRenderedComponent<IComponent> cut, string name) =>
        Rows(cut).Single(r => r.QuerySelector(".segment-name")?.TextContent == name);

    private static IElement DialogButton(IRenderedComponent<IComponent> cut, string text) =>
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);
}
