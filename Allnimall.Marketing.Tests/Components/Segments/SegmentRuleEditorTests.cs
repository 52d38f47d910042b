using Allnimall.Marketing.Tests.Support;
using System.Security.Claims;
using AngleSharp.Dom;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Tests.Integration.Segments;
using Allnimall.Marketing.Web.Components.Pages.Segments;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Allnimall.Marketing.Tests.Components.Segments.EditorSelects;

namespace Allnimall.Marketing.Tests.Components.Segments;

/// <summary>
/// The rule builder inside the segment editor, over a real SegmentService and the small SQLite store of
/// <see cref="SegmentFixture"/> (five customers: Ani and Dewi live in Jakarta).
/// </summary>
public sealed class SegmentRuleEditorTests : MarketingBunitContext, IClassFixture<SegmentFixture>
{
    private readonly SegmentFixture store;

    public SegmentRuleEditorTests(SegmentFixture store)
    {
        this.store = store;
        Services.AddSingleton<TimeProvider>(store.Clock);
        Services.AddSingleton(store.Database.CreateSegmentService(store.Clock));
    }

    [Fact]
    public void Picking_a_field_offers_only_the_operators_that_fit_it()
    {
        SignInWith(Permissions.SegmentsManage);
        var cut = RenderEditor();
        var condition = Condition(cut, "Condition 1");

        Choose(cut, condition, "Field", "Bought product");
        Assert.Equal(["yes", "no"], OptionsOf(cut, Condition(cut, "Condition 1"), "Operator"));

        Choose(cut, Condition(cut, "Condition 1"), "Field", "City");
        Assert.Equal(["is one of", "is none of"], OptionsOf(cut, Condition(cut, "Condition 1"), "Operator"));

        Choose(cut, Condition(cut, "Condition 1"), "Field", "Age");
        Assert.Equal(["is", "is not", "less than", "at most", "more than", "at least", "between"],
            OptionsOf(cut, Condition(cut, "Condition 1"), "Operator"));
    }

    [Fact]
    public void Adding_a_group_nests_a_condition_in_it_and_stops_at_the_depth_limit()
    {
        SignInWith(Permissions.SegmentsManage);
        var cut = RenderEditor();

        Button(cut.Find("[data-rule-path='']"), "Add group").Click();

        var nested = cut.WaitForElement("[role=group][aria-label='Group 2']");
        Assert.Equal("rules[1]", nested.GetAttribute("data-rule-path"));
        Assert.NotNull(nested.QuerySelector("[role=group][aria-label='Condition 2.1']"));
        Assert.Equal("AND", cut.Find(".segment-joiner").TextContent.ToUpperInvariant());

        // Groups nest up to the validator's limit of five levels; the deepest one offers no further group.
        for (var depth = 2; depth < SegmentRuleValidator.MaxDepth; depth++)
        {
            Button(cut.FindAll(".segment-group").Last(), "Add group").Click();
            cut.WaitForAssertion(() => Assert.Equal(depth + 1, cut.FindAll(".segment-group").Count));
        }
        Assert.Null(FindButton(cut.FindAll(".segment-group").Last(), "Add group"));
    }

    [Fact]
    public void A_range_whose_minimum_exceeds_its_maximum_shows_the_validators_message_at_that_condition_and_queries_nothing()
    {
        SignInWith(Permissions.SegmentsManage);
        var cut = RenderEditor();
        Button(cut.Find("[data-rule-path='']"), "Add condition").Click();
        Choose(cut, Condition(cut, "Condition 1"), "Field", "City");
        Choose(cut, Condition(cut, "Condition 2"), "Field", "Age");
        Choose(cut, Condition(cut, "Condition 2"), "Operator", "between");

        InputByLabel(Condition(cut, "Condition 2"), "From").Input("40");
        InputByLabel(Condition(cut, "Condition 2"), "To").Input("25");
        PassPreviewDebounce();

        cut.WaitForElement("[data-rule-error='rules[1]']");
        var error = Assert.Single(Condition(cut, "Condition 2").QuerySelectorAll("[data-rule-error]"));
        Assert.Equal("The minimum is larger than the maximum.", error.TextContent);
        // Condition 1 (a city without values yet) has not been touched, so it shows no error yet.
        Assert.Empty(Condition(cut, "Condition 1").QuerySelectorAll("[data-rule-error]"));
        Assert.Empty(cut.FindAll("[data-preview-count]"));
        Assert.Contains("Finish the conditions", cut.Find(".segment-preview").TextContent);
    }

    [Fact]
    public void The_live_preview_counts_matching_customers_with_the_real_service_and_masks_contact_details()
    {
        SignInWith(Permissions.SegmentsManage);
        var cut = RenderEditor();

        Choose(cut, Condition(cut, "Condition 1"), "Field", "City");
        Pick(cut, Condition(cut, "Condition 1"), "Cities", "Jakarta");
        PassPreviewDebounce();

        cut.WaitForAssertion(() => Assert.Equal("2 customers", cut.Find("[data-preview-count]").TextContent));
        Assert.Equal("Customers in Jakarta", cut.Find("[data-preview-summary]").TextContent);
        var sample = cut.Find(".segment-preview-sample").TextContent;
        Assert.Contains("Ani Test", sample);
        Assert.Contains("Dewi Test", sample);
        Assert.Contains("a***@e***.com", sample);
        Assert.DoesNotContain("ani@example.com", sample);
    }

    [Fact]
    public void The_preview_follows_the_rule_as_it_changes_and_shows_full_details_with_pii_permission()
    {
        SignInWith(Permissions.SegmentsManage, Permissions.CustomersPii);
        var cut = RenderEditor();
        Choose(cut, Condition(cut, "Condition 1"), "Field", "City");
        Pick(cut, Condition(cut, "Condition 1"), "Cities", "Jakarta");
        PassPreviewDebounce();
        cut.WaitForAssertion(() => Assert.Equal("2 customers", cut.Find("[data-preview-count]").TextContent));
        Assert.Contains("ani@example.com", cut.Find(".segment-preview-sample").TextContent);

        // Narrow it to active customers: Dewi is inactive.
        Button(cut.Find("[data-rule-path='']"), "Add condition").Click();
        Choose(cut, Condition(cut, "Condition 2"), "Field", "Is active");
        PassPreviewDebounce();

        cut.WaitForAssertion(() => Assert.Equal("1 customer", cut.Find("[data-preview-count]").TextContent));
        Assert.Equal("Customers in Jakarta who are active", cut.Find("[data-preview-summary]").TextContent);
    }

    [Fact]
    public void Enum_values_are_offered_by_label_and_stored_as_the_snake_case_the_rule_engine_reads()
    {
        SignInWith(Permissions.SegmentsManage);
        var cut = RenderEditor();
        Choose(cut, Condition(cut, "Condition 1"), "Field", "Income band");
        Assert.Equal(["Low", "Lower middle", "Middle", "Upper middle", "High"], OptionsOf(cut, Condition(cut, "Condition 1"), "Income bands"));

        Pick(cut, Condition(cut, "Condition 1"), "Income bands", "Upper middle", "High");
        PassPreviewDebounce();

        // Budi (high) and Eko (upper middle); the summary shows the stored values.
        cut.WaitForAssertion(() => Assert.Equal("2 customers", cut.Find("[data-preview-count]").TextContent));
        Assert.Equal("Customers with income upper middle or high", cut.Find("[data-preview-summary]").TextContent);
    }

    /// <summary>The editor waits for the rule to be still before it queries; its clock is the fixture's fake one.</summary>
    private void PassPreviewDebounce() => store.Clock.Advance(TimeSpan.FromMilliseconds(SegmentEdit.PreviewDebounceMs));

    private IRenderedComponent<IComponent> RenderEditor()
    {
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<SegmentEdit>(1);
            builder.CloseComponent();
        });
        cut.WaitForElement("[role=group][aria-label='Condition 1']");
        return cut;
    }

    private void SignInWith(params string[] permissions)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("marketer@example.com");
        auth.SetClaims([.. permissions.Select(p => new Claim(Permissions.ClaimType, p)), new Claim(ClaimTypes.NameIdentifier, "user-1")]);
    }

    /// <summary>A condition row by its accessible name, once it has rendered.</summary>
    private static IElement Condition(IRenderedComponent<IComponent> cut, string name) =>
        cut.WaitForElement($"[role=group][aria-label='{name}']");

    private static IElement Button(IElement scope, string text)
    {
        var button = FindButton(scope, text);
        Assert.NotNull(button);
        return button;
    }

    /// <summary>Only the scope's own buttons, not those of groups nested in it.</summary>
    private static IElement? FindButton(IElement scope, string text) =>
        scope.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == text
            && b.Closest(".segment-group")?.GetAttribute("data-rule-path") == scope.GetAttribute("data-rule-path"));
}
