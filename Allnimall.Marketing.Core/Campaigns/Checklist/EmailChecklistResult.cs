namespace Allnimall.Marketing.Core.Campaigns.Checklist;

/// <summary>Every check's outcome, in a fixed order; a launch is refused while <see cref="HasErrors"/>.</summary>
public sealed record EmailChecklistResult(IReadOnlyList<ChecklistItem> Items)
{
    public bool HasErrors => Items.Any(i => i.Severity == ChecklistSeverity.Error);

    public IReadOnlyList<ChecklistItem> Errors => Items.Where(i => i.Severity == ChecklistSeverity.Error).ToList();

    public IReadOnlyList<ChecklistItem> Warnings => Items.Where(i => i.Severity == ChecklistSeverity.Warning).ToList();
}
