using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Web.Components.Pages.Campaigns;

/// <summary>
/// Which life cycle actions the UI offers in which status — the same transitions <see cref="CampaignService"/>
/// accepts, so a button never leads to a refusal unless someone else acted first.
/// </summary>
public static class CampaignRules
{
    public static bool CanEdit(CampaignStatus status) => status is CampaignStatus.Draft or CampaignStatus.Scheduled;

    public static bool CanDelete(CampaignStatus status) => status == CampaignStatus.Draft;

    public static bool CanSchedule(CampaignStatus status) => status == CampaignStatus.Draft;

    public static bool CanLaunch(CampaignStatus status) => status is CampaignStatus.Draft or CampaignStatus.Scheduled;

    public static bool CanPause(CampaignStatus status) => status == CampaignStatus.Active;

    public static bool CanResume(CampaignStatus status) => status == CampaignStatus.Paused;

    /// <summary>Drafts are deleted rather than cancelled; anything finished cannot be stopped.</summary>
    public static bool CanCancel(CampaignStatus status) => status is CampaignStatus.Scheduled or CampaignStatus.Active or CampaignStatus.Paused;

    /// <summary>Unknown deliveries can be resent while the campaign still sends, or once it completed (it is reopened).</summary>
    public static bool CanResendUnknown(CampaignStatus status) =>
        status is CampaignStatus.Active or CampaignStatus.Paused or CampaignStatus.Completed;

    /// <summary>A refused action as one sentence for a snackbar: the conflict's reason, or the field errors.</summary>
    public static string Explain(SaveStatus status, string? message, IReadOnlyDictionary<string, string[]> errors) => status switch
    {
        SaveStatus.NotFound => "This campaign no longer exists.",
        SaveStatus.Invalid => string.Join(" ", errors.SelectMany(e => e.Value)),
        _ => message ?? "The campaign changed in the meantime. Reload and try again.",
    };
}
