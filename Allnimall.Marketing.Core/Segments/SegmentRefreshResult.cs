namespace Allnimall.Marketing.Core.Segments;

public enum RefreshOutcome { Refreshed, AlreadyRunning, NotFound }

public sealed record SegmentRefreshResult(RefreshOutcome Outcome, int CustomerCount = 0, int Added = 0, int Removed = 0, int DurationMs = 0);
