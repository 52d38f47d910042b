using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Campaigns.Checklist;

/// <summary>
/// <see cref="EmailChecklist"/> with the store's current physical address (Settings → Email or Delivery:StoreAddress):
/// for the campaign form's live checklist, the detail page, and the launcher, which refuses a launch with errors.
/// </summary>
public sealed class EmailLaunchChecklist(IDbContextFactory<MarketingDbContext> dbFactory, IOptionsMonitor<DeliveryOptions> delivery)
{
    /// <param name="preheader">The campaign's preheader when it has one of its own; else it is looked for in the HTML.</param>
    public EmailChecklistResult Check(string? subject, string? html, string? preheader = null) =>
        EmailChecklist.Check(subject, html, preheader, delivery.CurrentValue.StoreAddress, delivery.CurrentValue.StoreUrl);

    /// <summary>The stored email campaign's checklist; null when <paramref name="campaignId"/> is not an email campaign.</summary>
    public async Task<EmailChecklistResult?> ForCampaignAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ForCampaignAsync(db, campaignId, ct);
    }

    internal async Task<EmailChecklistResult?> ForCampaignAsync(MarketingDbContext db, Guid campaignId, CancellationToken ct)
    {
        var email = await db.EmailCampaigns.AsNoTracking().Where(e => e.CampaignId == campaignId)
            .Select(e => new { e.Subject, e.EmailContent, e.Preheader }).FirstOrDefaultAsync(ct);
        return email is null ? null : Check(email.Subject, email.EmailContent, email.Preheader);
    }

    /// <summary>"the pre-send checklist found errors: …": why a launch or schedule is refused.</summary>
    public static string Describe(EmailChecklistResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return "the pre-send checklist found errors: " + string.Join(" ", result.Errors.Select(e => e.Message));
    }
}
