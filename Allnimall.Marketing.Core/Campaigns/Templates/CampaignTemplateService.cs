using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Campaigns.Templates;

/// <summary>
/// Campaign templates: the built-ins (seeded at start-up in every environment by <see cref="CampaignTemplateSeeder"/>) and those staff save from a campaign.
/// Using a template fills a new campaign's form; segments are matched by name at that moment.
/// </summary>
public sealed class CampaignTemplateService(IDbContextFactory<MarketingDbContext> dbFactory, CampaignService campaigns)
{
    public async Task<IReadOnlyList<CampaignTemplateView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.CampaignTemplates.AsNoTracking().ToListAsync(ct);
        // Built-ins in their defined order (the picker's layout), then staff templates by name; a few dozen rows at most.
        var order = BuiltInCampaignTemplates.All().Select((t, i) => (t.Key!, i)).ToDictionary(x => x.Item1, x => x.i);
        return rows.OrderByDescending(t => t.IsBuiltin).ThenBy(t => t.Key is { } k && order.TryGetValue(k, out var i) ? i : int.MaxValue)
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(ToView).ToList();
    }

    public async Task<CampaignTemplateView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CampaignTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) is { } template ? ToView(template) : null;
    }

    /// <summary>A new campaign's form from the template, its suggested segments resolved by name (case-insensitive).</summary>
    public async Task<CampaignTemplatePrefill?> PrefillAsync(Guid id, CancellationToken ct = default)
    {
        var template = await GetAsync(id, ct);
        if (template is null) return null;
        var names = template.IncludeSegmentNames.Concat(template.ExcludeSegmentNames).Select(n => n.ToLower()).Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segments = names.Count == 0 ? [] : await db.CustomerSegments.AsNoTracking()
            .Where(s => names.Contains(s.Name.ToLower())).OrderBy(s => s.CreatedAt).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var byName = segments.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var missing = template.IncludeSegmentNames.Concat(template.ExcludeSegmentNames).Where(n => !byName.ContainsKey(n)).ToList();
        var form = new CampaignForm
        {
            Name = template.Name, Description = template.Description, Type = template.Type,
            EmailSubject = template.Subject, EmailContent = template.EmailContent, SmsMessage = template.SmsMessage,
            EmailEditorMode = template.EmailBlocks is null ? Email.Content.EmailEditorMode.Html : Email.Content.EmailEditorMode.Blocks,
            EmailBlocks = template.EmailBlocks?.Clone(),
            SocialContent = template.SocialContent, SocialPlatforms = [.. template.SocialPlatforms],
            IncludeSegments = template.IncludeSegmentNames.Where(byName.ContainsKey).Select(n => byName[n]).Distinct().ToList(),
            ExcludeSegments = template.ExcludeSegmentNames.Where(byName.ContainsKey).Select(n => byName[n]).Distinct().ToList(),
        };
        return new(template, form, missing);
    }

    /// <summary>Saves a campaign's content and audience (as segment names) as the user's own template.</summary>
    public async Task<SaveResult<CampaignTemplateView>> SaveFromCampaignAsync(SaveAsTemplateForm request, string userId, CancellationToken ct = default)
    {
        var name = request.Name?.Trim() ?? "";
        var errors = new Dictionary<string, string[]>();
        if (name.Length == 0) errors["name"] = ["Give the template a name."];
        else if (name.Length > 255) errors["name"] = ["The name is limited to 255 characters."];
        if (request.Description is { Length: > 2000 }) errors["description"] = ["The description is limited to 2000 characters."];
        if (errors.Count > 0) return SaveResult<CampaignTemplateView>.Invalid(errors);

        var campaign = await campaigns.GetAsync(request.CampaignId, ct);
        if (campaign is null) return SaveResult<CampaignTemplateView>.NotFound();
        if (campaign.Type == CampaignType.Discount)
            return SaveResult<CampaignTemplateView>.Invalid("campaign_id", "Discount campaigns cannot be saved as templates yet.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.CampaignTemplates.AnyAsync(t => t.Name.ToLower() == name.ToLower(), ct))
            return SaveResult<CampaignTemplateView>.Invalid("name", "A template with this name exists already. Choose another name.");
        var ids = campaign.Audience.IncludeSegments.Concat(campaign.Audience.ExcludeSegments).Distinct().ToList();
        var names = await db.CustomerSegments.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var template = new CampaignTemplate
        {
            Name = name, Description = string.IsNullOrWhiteSpace(request.Description) ? campaign.Description : request.Description.Trim(),
            CampaignType = campaign.Type, Subject = campaign.Email?.Subject, EmailContent = campaign.Email?.Content,
            EmailEditorMode = campaign.Email?.Blocks is null ? null : Email.Content.EmailEditorMode.Blocks,
            EmailContentBlocks = campaign.Email?.Blocks?.ToJson(),
            SmsMessage = campaign.Sms?.Message, SocialContent = campaign.Social?.Content, SocialPlatforms = [.. campaign.Social?.Platforms ?? []],
            IncludeSegmentNames = campaign.Audience.IncludeSegments.Where(names.ContainsKey).Select(id => names[id]).ToList(),
            ExcludeSegmentNames = campaign.Audience.ExcludeSegments.Where(names.ContainsKey).Select(id => names[id]).ToList(),
            CreatedBy = userId,
        };
        db.CampaignTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        return SaveResult<CampaignTemplateView>.Ok(ToView(template));
    }

    /// <summary>Deletes one of the user's own templates; built-ins and colleagues' templates are a conflict.</summary>
    public async Task<SaveResult<bool>> DeleteAsync(Guid id, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.CampaignTemplates.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { t.IsBuiltin, t.CreatedBy }).SingleOrDefaultAsync(ct);
        if (template is null) return SaveResult<bool>.NotFound();
        if (template.IsBuiltin) return SaveResult<bool>.Conflict("Built-in templates cannot be deleted.");
        if (template.CreatedBy != userId) return SaveResult<bool>.Conflict("You can delete only templates you saved yourself.");
        // The conditions again in the DELETE, so a concurrent change cannot slip between the check and the delete.
        var deleted = await db.CampaignTemplates.Where(t => t.Id == id && !t.IsBuiltin && t.CreatedBy == userId).ExecuteDeleteAsync(ct);
        return deleted == 0 ? SaveResult<bool>.NotFound() : SaveResult<bool>.Ok(true);
    }

    private static CampaignTemplateView ToView(CampaignTemplate t) => new(t.Id, t.Key, t.Name, t.Description, t.CampaignType, t.Subject,
        t.EmailContent, t.SmsMessage, t.SocialContent, t.SocialPlatforms, t.IncludeSegmentNames, t.ExcludeSegmentNames, t.IsBuiltin,
        t.CreatedBy, t.CreatedAt, t.UpdatedAt,
        t.EmailEditorMode == Email.Content.EmailEditorMode.Blocks ? Email.Content.EmailContentComposer.ReadDocument(t.EmailContentBlocks) : null);
}
