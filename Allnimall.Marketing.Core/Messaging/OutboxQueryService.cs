using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>Reads what the embedded <see cref="OutboxTransport"/> stored, for Settings → Outbox and the API.</summary>
public sealed class OutboxQueryService(IDbContextFactory<MarketingDbContext> dbFactory)
{
    /// <summary>Characters of the body read for a row's summary line; the grid never loads whole bodies.</summary>
    private const int SummaryLength = 160;

    public async Task<PagedResult<OutboxListItem>> ListAsync(OutboxQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var messages = db.OutboxMessages.AsNoTracking();
        if (query.Channel is { } channel) messages = messages.Where(m => m.Channel == channel);
        if (query.CampaignId is { } campaignId)
            messages = messages.Where(m => db.CampaignDeliveries.Any(d => d.Id == m.DeliveryId && d.CampaignId == campaignId));
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            messages = messages.Where(m => EF.Functions.Like(m.Recipient, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(m.Subject ?? "", pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(m.Body, pattern, LikePattern.EscapeCharacter));
        }
        var total = await messages.CountAsync(ct);
        var ordered = query.SortBy?.ToLowerInvariant() switch
        {
            OutboxSortKeys.Recipient => messages.OrderBy(m => m.Recipient, query.Descending),
            OutboxSortKeys.Channel => messages.OrderBy(m => m.Channel, query.Descending),
            OutboxSortKeys.Created => messages.OrderBy(m => m.CreatedAt, query.Descending),
            _ => messages.OrderByDescending(m => m.CreatedAt), // newest first: what was just sent
        };
        // The campaign comes from a correlated subquery of the page query: one round trip for the page.
        var rows = await ordered.ThenBy(m => m.Id)
            .Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(m => new
            {
                m.Id, m.Channel, m.Recipient, m.Subject, Start = m.Body.Substring(0, SummaryLength), m.CreatedAt,
                Campaign = db.CampaignDeliveries.Where(d => d.Id == m.DeliveryId)
                    .Join(db.Campaigns, d => d.CampaignId, c => c.Id, (d, c) => new { c.Id, c.Name }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new OutboxListItem(r.Id, r.Channel, r.Recipient, Summary(r.Subject, r.Start),
            r.Campaign?.Id, r.Campaign?.Name, r.CreatedAt)).ToList();
        return new PagedResult<OutboxListItem>(items, total, query.EffectivePage, query.EffectivePageSize);
    }

    public async Task<OutboxMessageView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new
            {
                m.Id, m.Channel, m.Recipient, m.Subject, m.Body, m.CreatedAt,
                Campaign = db.CampaignDeliveries.Where(d => d.Id == m.DeliveryId)
                    .Join(db.Campaigns, d => d.CampaignId, c => c.Id, (d, c) => new { c.Id, c.Name }).FirstOrDefault(),
            })
            .Select(r => new OutboxMessageView(r.Id, r.Channel, r.Recipient, r.Subject, r.Body,
                r.Campaign == null ? null : r.Campaign.Id, r.Campaign == null ? null : r.Campaign.Name, r.CreatedAt))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>Campaigns with at least one message in the outbox, newest first (the campaign filter's choices).</summary>
    public async Task<IReadOnlyList<OutboxCampaign>> CampaignsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Campaigns.AsNoTracking()
            .Where(c => db.CampaignDeliveries.Any(d => d.CampaignId == c.Id && db.OutboxMessages.Any(m => m.DeliveryId == d.Id)))
            .OrderByDescending(c => c.CreatedAt).Take(GridQuery.MaxPageSize)
            .Select(c => new OutboxCampaign(c.Id, c.Name)).ToListAsync(ct);
    }

    /// <summary>The subject, or the first non-empty line of the text with HTML tags left as they are (SMS has none).</summary>
    internal static string Summary(string? subject, string bodyStart)
    {
        if (!string.IsNullOrWhiteSpace(subject)) return subject;
        var line = bodyStart.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return line.Length < bodyStart.Trim().Length ? line + " …" : line;
    }
}
