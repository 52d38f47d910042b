using System.ComponentModel.DataAnnotations;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>What staff edit (UI) or send (API) to create or change a segment. Never bound to the entity.</summary>
public sealed class SegmentForm
{
    [Required(ErrorMessage = "Give the segment a name.")]
    [MaxLength(255)]
    public string Name { get; set; } = "";

    [MaxLength(2000)]
    public string? Description { get; set; }

    public SegmentType Type { get; set; } = SegmentType.Dynamic;

    /// <summary>The rule of a dynamic segment; ignored for a static one.</summary>
    public SegmentRule? Rule { get; set; }

    /// <summary>The version the editor loaded; a save against a newer version is a conflict.</summary>
    public Guid? Version { get; set; }
}
