namespace Allnimall.Marketing.Core.Campaigns.Checklist;

/// <summary>How a pre-send check came out: <see cref="Error"/> blocks a launch, <see cref="Warning"/> only informs.</summary>
public enum ChecklistSeverity { Passed, Warning, Error }
