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

    /// <summary>Opens a select of the scope (by its label), clicks an option and lets the popover close.</summary>
    public static void Choose(IRenderedComponent<IComponent> cut, IElement scope, string select, string option)
    {
        Open(scope, select);
        var item = cut.FindAll(".mud-popover-open [role=option]").FirstOrDefault(o => o.TextContent.Trim() == option);
        Assert.True(item is not null, $"No option '{option}' in {select}: {string.Join(", ", OpenOptions(cut))}");
        item!.Click();
    }

    /// <summary>The options a select offers (opened, read, closed again).</summary>
    public static List<string> OptionsOf(IRenderedComponent<IComponent> cut, IElement scope, string select)
    {
        Open(scope, select);
        var options = OpenOptions(cut);
        Open(scope, select);
        Assert.Empty(cut.FindAll(".mud-popover-open [role=option]"));
        return options;
    }

    private static List<string> OpenOptions(IRenderedComponent<IComponent> cut) =>
        cut.FindAll(".mud-popover-open [role=option]").Select(o => o.TextContent.Trim()).ToList();

    private static void Open(IElement scope, string select)
    {
        var input = scope.QuerySelectorAll("input[role=combobox]").Single(i => i.GetAttribute("aria-label") == select);
        input.Closest(".mud-input-control")!.MouseDown();
    }
}
