namespace Allnimall.Marketing.Core.Campaigns.Checklist;

/// <summary>One line of the pre-send checklist: which check (<see cref="EmailChecklist"/>'s keys), its outcome and what to do.</summary>
public sealed record ChecklistItem(string Check, ChecklistSeverity Severity, string Message);
