namespace Allnimall.Marketing.Core.Segments;

/// <summary>Bound from <c>Segments</c> in configuration.</summary>
public sealed class SegmentOptions
{
    /// <summary>Dynamic segments older than this are recalculated by the scheduled job.</summary>
    public int RefreshIntervalMinutes { get; set; } = 60;
}
