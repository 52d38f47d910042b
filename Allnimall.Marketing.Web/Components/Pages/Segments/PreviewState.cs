namespace Allnimall.Marketing.Web.Components.Pages.Segments;

/// <summary>What the editor's live preview panel can show.</summary>
public enum PreviewState
{
    /// <summary>The rule has no conditions yet.</summary>
    Empty,
    /// <summary>Some condition lacks a value or has an invalid one: nothing is queried.</summary>
    Incomplete,
    Loading,
    Ready,
    Failed,
    /// <summary>A static segment: no rule to preview.</summary>
    Static,
}
