using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Allnimall.Marketing.Tests.Components.Segments;

/// <summary>Drives MudBlazor selects and inputs of the rule builder the way a user does (the list opens on mouse-down).</summary>
public static class EditorSelects
{
    public static IElement InputByLabel(IElement scope, string label)
    {
        var id = scope.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for");
        return scope.QuerySelector($"#{id}")!;
    }

    /// <summary>Opens a single select of the scope (by its label) and clicks an option, which closes the list.</summary>
    public static void Choose(IRenderedComponent<IComponent> cut, IElement scope, string select, string option)
    {
        Open(cut, scope, select);
        cut.WaitForAssertion(() => Assert.Contains(option, OpenOptions(cut)));
        var item = cut.FindAll(".mud-popover-open [role=option]").FirstOrDefault(o => o.TextContent.Trim() == option);
        Assert.True(item is not null, $"No option '{option}' in {select}: {string.Join(", ", OpenOptions(cut))}");
        item!.Click();
        // A single select closes on its own; use Pick for multi-selects.
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-popover-open [role=option]")));
    }

    /// <summary>Ticks options of a multi-select (whose list stays open between picks), then closes it.</summary>
    public static void Pick(IRenderedComponent<IComponent> cut, IElement scope, string select, params string[] options)
    {
        Open(cut, scope, select);
        foreach (var option in options)
        {
            // The known values (cities, products…) load from the database: wait for the option, not just any option.
            cut.WaitForAssertion(() => Assert.Contains(option, OpenOptions(cut)));
            cut.FindAll(".mud-popover-open [role=option]").Single(o => o.TextContent.Trim() == option).Click();
        }
        Close(cut, scope, select);
    }

    /// <summary>The options a select offers (opened, read, closed again).</summary>
    public static List<string> OptionsOf(IRenderedComponent<IComponent> cut, IElement scope, string select)
    {
        Open(cut, scope, select);
        var options = OpenOptions(cut);
        Close(cut, scope, select);
        return options;
    }

    public static List<string> OpenOptions(IRenderedComponent<IComponent> cut) =>
        cut.FindAll(".mud-popover-open [role=option]").Select(o => o.TextContent.Trim()).ToList();

    /// <summary>Mouse-down on the select toggles its list; waits until the list shows (events may be dispatched asynchronously).</summary>
    public static void Open(IRenderedComponent<IComponent> cut, IElement scope, string select)
    {
        Toggle(scope, select);
        cut.WaitForElement(".mud-popover-open [role=option]");
    }

    private static void Close(IRenderedComponent<IComponent> cut, IElement scope, string select)
    {
        Toggle(scope, select);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-popover-open [role=option]")));
    }

    private static void Toggle(IElement scope, string select)
    {
        var input = scope.QuerySelectorAll("input[role=combobox]").Single(i => i.GetAttribute("aria-label") == select);
        input.Closest(".mud-input-control")!.MouseDown();
    }
}
