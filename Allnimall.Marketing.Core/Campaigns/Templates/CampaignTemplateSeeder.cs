using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Campaigns.Templates;

/// <summary>Keeps the <see cref="BuiltInCampaignTemplates"/> in the database; <see cref="DatabaseInitializer"/> runs it at every start.</summary>
public sealed class CampaignTemplateSeeder(IDbContextFactory<MarketingDbContext> dbFactory)
{
    /// <summary>
    /// Inserts the built-ins that are missing and brings existing ones up to the current definitions; running it again
    /// changes nothing. Two instances starting together: the unique key lets one insert, the other's insert is ignored.
    /// </summary>
    public async Task<int> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.CampaignTemplates.Where(t => t.Key != null).ToDictionaryAsync(t => t.Key!, ct);
        var added = 0;
        foreach (var definition in BuiltInCampaignTemplates.All())
        {
            if (existing.TryGetValue(definition.Key!, out var current))
            {
                Update(current, definition);
                continue;
            }
            db.CampaignTemplates.Add(definition);
            added++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance inserted them at the same moment; anything else is a real failure.
            if (await AllSeededAsync(ct)) return 0;
            throw;
        }
        return added;
    }

    private static void Update(CampaignTemplate current, CampaignTemplate definition)
    {
        current.Name = definition.Name;
        current.Description = definition.Description;
        current.CampaignType = definition.CampaignType;
        current.Subject = definition.Subject;
        current.EmailContent = definition.EmailContent;
        current.EmailEditorMode = definition.EmailEditorMode;
        current.EmailContentBlocks = definition.EmailContentBlocks;
        current.SmsMessage = definition.SmsMessage;
        current.SocialContent = definition.SocialContent;
        current.IsBuiltin = true;
        // Lists are replaced only when they differ, so an unchanged template is not rewritten at every start.
        if (!current.SocialPlatforms.SequenceEqual(definition.SocialPlatforms)) current.SocialPlatforms = [.. definition.SocialPlatforms];
        if (!current.IncludeSegmentNames.SequenceEqual(definition.IncludeSegmentNames)) current.IncludeSegmentNames = [.. definition.IncludeSegmentNames];
        if (!current.ExcludeSegmentNames.SequenceEqual(definition.ExcludeSegmentNames)) current.ExcludeSegmentNames = [.. definition.ExcludeSegmentNames];
    }

    private async Task<bool> AllSeededAsync(CancellationToken ct)
    {
        var keys = BuiltInCampaignTemplates.All().Select(t => t.Key).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CampaignTemplates.CountAsync(t => keys.Contains(t.Key), ct) == keys.Count;
    }
}
