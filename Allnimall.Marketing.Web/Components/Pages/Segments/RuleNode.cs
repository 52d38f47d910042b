namespace Allnimall.Marketing.Web.Components.Pages.Segments;

/// <summary>
/// The rule builder's editable tree. <see cref="Core.Segments.SegmentRule"/> is immutable and cannot hold a half-filled
/// condition (no field chosen yet), so the editor works on these nodes and converts with <see cref="RuleTree"/>.
/// </summary>
public abstract class RuleNode
{
    /// <summary>Set once the user has entered something here, so errors appear after input, not on a fresh row.</summary>
    public bool Touched { get; set; }
}
