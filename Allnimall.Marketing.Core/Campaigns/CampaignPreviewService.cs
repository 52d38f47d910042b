using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// The campaign form's preview: which customers a message can be previewed for (the audience's reachable customers
/// first, or any customer found by name or email), and the message rendered for one of them.
/// </summary>
public sealed class CampaignPreviewService(IDbContextFactory<MarketingDbContext> dbFactory, CampaignMessageRenderer renderer,
    Email.Content.EmailHtmlSanitizer sanitizer)
{
    public const int MaxSamples = 20;

    /// <summary>
    /// Without <paramref name="search"/>: the first reachable customers of the audience on the channel (consent applied),
    /// the first of which is the default sample. With it: active customers whose name or email contains the text.
    /// </summary>
    public async Task<IReadOnlyList<SampleCustomer>> SampleCustomersAsync(CampaignAudience audience, DeliveryChannel channel,
        string? search, bool includePii, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reachable = audience.IncludeSegments.Count == 0 ? null : CampaignLauncher.Recipients(db, audience, channel);
        IQueryable<Store.Customer> customers;
        if (string.IsNullOrWhiteSpace(search))
        {
            if (reachable is null) return [];
            customers = db.Customers.Where(c => reachable.Contains(c.Id));
        }
        else
        {
            var pattern = LikePattern.Contains(search.Trim());
            customers = db.Customers.Where(c => c.IsActive && (EF.Functions.Like(c.FirstName + " " + c.LastName, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(c.Email ?? "", pattern, LikePattern.EscapeCharacter)));
        }
        var page = customers.AsNoTracking().OrderBy(c => c.FirstName).ThenBy(c => c.LastName).ThenBy(c => c.Id).Take(MaxSamples);
        var rows = reachable is null
            ? await page.Select(c => new Row(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, false)).ToListAsync(ct)
            : await page.Select(c => new Row(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, reachable.Contains(c.Id))).ToListAsync(ct);
        return rows.Select(r =>
        {
            var contact = channel == DeliveryChannel.Sms ? r.Phone : r.Email;
            if (!includePii) contact = channel == DeliveryChannel.Sms ? PiiMask.Phone(contact) : PiiMask.Email(contact);
            return new SampleCustomer(r.Id, $"{r.FirstName} {r.LastName}".Trim(), contact, r.InAudience);
        }).ToList();
    }

    /// <summary>The customer as templates see them; null when no such customer exists.</summary>
    public async Task<MessageCustomer?> MessageCustomerAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new MessageCustomer(c.FirstName, c.LastName, c.Email, c.Phone, c.City, c.Region, c.Country))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// The draft rendered for the customer, or for <see cref="CampaignMessageRenderer.PlaceholderCustomer"/> when none is
    /// given or found. An email's HTML is sanitised first, as it is before it is stored and sent: the preview shows what goes out.
    /// </summary>
    public async Task<RenderedCampaignMessage> RenderAsync(CampaignMessageDraft draft, Guid? customerId, CancellationToken ct = default)
    {
        var customer = customerId is { } id ? await MessageCustomerAsync(id, ct) : null;
        if (draft.Channel == DeliveryChannel.Email && !string.IsNullOrWhiteSpace(draft.Body)) draft = draft with { Body = sanitizer.SanitizeEmail(draft.Body) };
        return await renderer.RenderAsync(draft, customer ?? CampaignMessageRenderer.PlaceholderCustomer, ct);
    }

    private sealed record Row(Guid Id, string FirstName, string LastName, string? Email, string? Phone, bool InAudience);
}
