using System.Globalization;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Email.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Newsletters;

/// <summary>
/// Staff side of newsletters: lists (create, edit, delete) with their subscriber counts, and a list's subscribers (a
/// page of them, add one with consent, unsubscribe one, CSV export). Removing a subscriber unsubscribes it (time and
/// source kept as the consent record) rather than deleting the row.
/// </summary>
public sealed partial class NewsletterService(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxSubscriberNameLength = 200;
    public const string StaffSource = "staff";

    /// <summary>Every list, newest first, with its counts from one grouped query.</summary>
    public async Task<IReadOnlyList<NewsletterListItem>> ListsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lists = await db.NewsletterLists.AsNoTracking().OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Name)
            .Select(l => new { l.Id, l.Name, l.Description, l.Slug, l.DoubleOptIn, l.CreatedAt }).ToListAsync(ct);
        var counts = await CountsAsync(db, null, ct);
        return lists.Select(l =>
        {
            var c = counts.GetValueOrDefault(l.Id, Zero);
            return new NewsletterListItem(l.Id, l.Name, l.Description, l.Slug, l.DoubleOptIn, l.CreatedAt, c.Subscribed, c.Pending, c.Unsubscribed);
        }).ToList();
    }

    public async Task<NewsletterListItem?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.NewsletterLists.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new { l.Id, l.Name, l.Description, l.Slug, l.DoubleOptIn, l.CreatedAt }).SingleOrDefaultAsync(ct);
        if (list is null) return null;
        var c = (await CountsAsync(db, id, ct)).GetValueOrDefault(id, Zero);
        return new(list.Id, list.Name, list.Description, list.Slug, list.DoubleOptIn, list.CreatedAt, c.Subscribed, c.Pending, c.Unsubscribed);
    }

    public async Task<SaveResult<NewsletterListItem>> CreateAsync(NewsletterListForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (slug, errors) = await ValidateAsync(db, form, null, ct);
        if (errors.Count > 0) return SaveResult<NewsletterListItem>.Invalid(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var list = new NewsletterList
        {
            Name = form.Name.Trim(), Description = Blank(form.Description), Slug = slug, DoubleOptIn = form.DoubleOptIn,
            CreatedAt = now, UpdatedAt = now,
        };
        db.NewsletterLists.Add(list);
        if (await SaveAsync(db, ct) is { } clash) return clash;
        return SaveResult<NewsletterListItem>.Ok(new(list.Id, list.Name, list.Description, list.Slug, list.DoubleOptIn, list.CreatedAt, 0, 0, 0));
    }

    public async Task<SaveResult<NewsletterListItem>> UpdateAsync(Guid id, NewsletterListForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var list = await db.NewsletterLists.SingleOrDefaultAsync(l => l.Id == id, ct);
            if (list is null) return SaveResult<NewsletterListItem>.NotFound();
            var (slug, errors) = await ValidateAsync(db, form, id, ct);
            if (errors.Count > 0) return SaveResult<NewsletterListItem>.Invalid(errors);
            list.Name = form.Name.Trim();
            list.Description = Blank(form.Description);
            list.Slug = slug;
            list.DoubleOptIn = form.DoubleOptIn;
            list.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            if (await SaveAsync(db, ct) is { } clash) return clash;
        }
        return SaveResult<NewsletterListItem>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>
    /// Deletes the list and its subscriptions in one transaction. Deliveries of issues already sent to it keep their
    /// rows (for the campaign's results) but lose the link to the subscription first (the foreign key does not cascade).
    /// </summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.CampaignDeliveries
            .Where(d => d.NewsletterSubscriptionId != null && db.NewsletterSubscriptions.Any(s => s.Id == d.NewsletterSubscriptionId && s.ListId == id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NewsletterSubscriptionId, (Guid?)null), ct);
        await db.NewsletterSubscriptions.Where(s => s.ListId == id).ExecuteDeleteAsync(ct);
        var deleted = await db.NewsletterLists.Where(l => l.Id == id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted > 0;
    }

    /// <summary>The list's counts; null when there is no such list.</summary>
    public async Task<NewsletterCounts?> CountsAsync(Guid listId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.NewsletterLists.AnyAsync(l => l.Id == listId, ct)) return null;
        return (await CountsAsync(db, listId, ct)).GetValueOrDefault(listId, Zero);
    }

    /// <summary>A page of the list's subscribers; null when there is no such list.</summary>
    public async Task<PagedResult<NewsletterSubscriberRow>?> SubscribersAsync(Guid listId, NewsletterSubscriberQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.NewsletterLists.AnyAsync(l => l.Id == listId, ct)) return null;
        var rows = db.NewsletterSubscriptions.AsNoTracking().Where(s => s.ListId == listId);
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            rows = rows.Where(s => EF.Functions.Like(s.Email, LikePattern.Contains(search.ToLowerInvariant()), LikePattern.EscapeCharacter)
                || (s.Name != null && EF.Functions.Like(s.Name, pattern, LikePattern.EscapeCharacter)));
        }
        if (query.Status is { } status) rows = rows.Where(s => s.Status == status);
        var total = await rows.CountAsync(ct);
        var ordered = query.SortBy?.ToLowerInvariant() switch
        {
            NewsletterSortKeys.Email => rows.OrderBy(s => s.Email, query.Descending),
            NewsletterSortKeys.Status => rows.OrderBy(s => s.Status, query.Descending).ThenBy(s => s.Email, false),
            NewsletterSortKeys.RequestedAt => rows.OrderBy(s => s.RequestedAt, query.Descending).ThenBy(s => s.Id, query.Descending),
            NewsletterSortKeys.ConfirmedAt => rows.OrderBy(s => s.ConfirmedAt, query.Descending).ThenBy(s => s.Id, query.Descending),
            _ => rows.OrderByDescending(s => s.RequestedAt).ThenByDescending(s => s.Id),
        };
        var items = await ordered.Skip(query.Offset).Take(query.EffectivePageSize).Select(Row).ToListAsync(ct);
        return new(items, total, query.EffectivePage, query.EffectivePageSize);
    }

    /// <summary>
    /// Staff add an address as subscribed, without a confirmation email: only with their word that they hold the
    /// person's consent (recorded in the source). An address already on the list is a conflict; an address on the
    /// suppression list is refused (it gets nothing anyway, and a person who opted out is re-added only by their own
    /// confirmation).
    /// </summary>
    public async Task<SaveResult<NewsletterSubscriberRow>> AddSubscriberAsync(Guid listId, NewsletterSubscriberForm form, string staffName,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string[]>();
        var address = RecipientAddress.Email(form.Email);
        if (address is null) errors["email"] = ["Enter one email address, like name@example.com."];
        if (form.Name is { Length: > MaxSubscriberNameLength }) errors["name"] = [$"The name is limited to {MaxSubscriberNameLength} characters."];
        if (!form.ConsentConfirmed) errors["consent_confirmed"] = ["Confirm that this person agreed to receive the newsletter."];
        if (errors.Count > 0) return SaveResult<NewsletterSubscriberRow>.Invalid(errors);
        var email = EmailSuppressionService.Normalize(address!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.NewsletterLists.AnyAsync(l => l.Id == listId, ct)) return SaveResult<NewsletterSubscriberRow>.NotFound();
        if (await db.EmailSuppressions.AnyAsync(s => s.Email == email, ct))
            return SaveResult<NewsletterSubscriberRow>.Invalid("email", "This address is on the suppression list: it can only subscribe itself, through the public page.");
        if (await db.NewsletterSubscriptions.AnyAsync(s => s.ListId == listId && s.Email == email, ct))
            return SaveResult<NewsletterSubscriberRow>.Conflict($"{email} is already on this list.");
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new NewsletterSubscription
        {
            ListId = listId, Email = email, Name = Blank(form.Name), CustomerId = await CustomerIdAsync(db, email, ct),
            Status = NewsletterSubscriptionStatus.Subscribed, Source = Truncate($"{StaffSource}: {staffName} (consent confirmed)", 200),
            RequestedAt = now, ConfirmedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        db.NewsletterSubscriptions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another writer added the address between the check and the insert.
            return SaveResult<NewsletterSubscriberRow>.Conflict($"{email} is already on this list.");
        }
        return SaveResult<NewsletterSubscriberRow>.Ok(Row.Compile()(row));
    }

    /// <summary>Unsubscribes one address of the list (kept as a record); false when there is no such subscriber or it left already.</summary>
    public async Task<bool> UnsubscribeAsync(Guid listId, Guid subscriptionId, string source, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NewsletterSubscriptions
            .Where(s => s.Id == subscriptionId && s.ListId == listId && s.Status != NewsletterSubscriptionStatus.Unsubscribed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, NewsletterSubscriptionStatus.Unsubscribed)
                .SetProperty(x => x.UnsubscribedAt, now)
                .SetProperty(x => x.UnsubscribeSource, Truncate(source, 200))
                .SetProperty(x => x.UpdatedAt, now), ct) > 0;
    }

    /// <summary>Whether a subscriber of this id is on the list (any status).</summary>
    public async Task<bool> HasSubscriberAsync(Guid listId, Guid subscriptionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NewsletterSubscriptions.AnyAsync(s => s.Id == subscriptionId && s.ListId == listId, ct);
    }

    /// <summary>
    /// Writes the list's subscribers as formula-safe CSV (<see cref="FormulaSafeCsv"/>) to <paramref name="output"/>, in
    /// pieces (keyset on the address). False when there is no such list.
    /// </summary>
    public async Task<bool> ExportCsvAsync(Guid listId, Stream output, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.NewsletterLists.AnyAsync(l => l.Id == listId, ct)) return false;
        string[]? header = ["email", "name", "status", "source", "customer_id", "requested_at", "confirmed_at", "unsubscribed_at", "unsubscribe_source"];
        string? after = null;
        var first = true;
        while (true)
        {
            var page = db.NewsletterSubscriptions.AsNoTracking().Where(s => s.ListId == listId);
            if (after is { } last) page = page.Where(s => string.Compare(s.Email, last) > 0);
            var rows = await page.OrderBy(s => s.Email).Take(5_000).Select(Row).ToListAsync(ct);
            if (rows.Count == 0 && !first) break;
            var bytes = FormulaSafeCsv.Write(header, rows.Select(r => new[]
            {
                r.Email, r.Name, SnakeCaseEnumConverter<NewsletterSubscriptionStatus>.ToDbValue(r.Status), r.Source, r.CustomerId?.ToString(),
                Iso(r.RequestedAt), Iso(r.ConfirmedAt), Iso(r.UnsubscribedAt), r.UnsubscribeSource,
            }), first);
            await output.WriteAsync(bytes, ct);
            if (rows.Count == 0) break;
            (header, first, after) = (null, false, rows[^1].Email);
        }
        return true;
    }

    /// <summary>"Pet News!" → "pet-news".</summary>
    public static string SlugFrom(string text)
    {
        var slug = NotSlug().Replace(text.Trim().ToLowerInvariant(), "-").Trim('-');
        return slug.Length <= NewsletterListForm.MaxSlugLength ? slug : slug[..NewsletterListForm.MaxSlugLength].TrimEnd('-');
    }

    /// <summary>The store's customer with this (normalised) address, if any: the oldest one when several share it.</summary>
    internal static Task<Guid?> CustomerIdAsync(MarketingDbContext db, string email, CancellationToken ct) =>
        db.Customers.Where(c => c.Email != null && c.Email.Trim().ToLower() == email)
            .OrderBy(c => c.CreatedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);

    private static readonly NewsletterCounts Zero = new(0, 0, 0);

    private static readonly System.Linq.Expressions.Expression<Func<NewsletterSubscription, NewsletterSubscriberRow>> Row = s =>
        new(s.Id, s.Email, s.Name, s.CustomerId, s.Status, s.Source, s.RequestedAt, s.ConfirmedAt, s.UnsubscribedAt, s.UnsubscribeSource);

    private static async Task<Dictionary<Guid, NewsletterCounts>> CountsAsync(MarketingDbContext db, Guid? listId, CancellationToken ct)
    {
        var rows = db.NewsletterSubscriptions.AsNoTracking();
        if (listId is { } id) rows = rows.Where(s => s.ListId == id);
        var groups = await rows.GroupBy(s => new { s.ListId, s.Status })
            .Select(g => new { g.Key.ListId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return groups.GroupBy(g => g.ListId).ToDictionary(g => g.Key, g => new NewsletterCounts(
            g.Where(x => x.Status == NewsletterSubscriptionStatus.Subscribed).Sum(x => x.Count),
            g.Where(x => x.Status == NewsletterSubscriptionStatus.Pending).Sum(x => x.Count),
            g.Where(x => x.Status == NewsletterSubscriptionStatus.Unsubscribed).Sum(x => x.Count)));
    }

    private static async Task<(string Slug, Dictionary<string, string[]> Errors)> ValidateAsync(
        MarketingDbContext db, NewsletterListForm form, Guid? id, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(form.Name)) errors["name"] = ["Give the list a name."];
        else if (form.Name.Trim().Length > NewsletterListForm.MaxNameLength) errors["name"] = [$"The name is limited to {NewsletterListForm.MaxNameLength} characters."];
        if (form.Description is { Length: > NewsletterListForm.MaxDescriptionLength })
            errors["description"] = [$"The description is limited to {NewsletterListForm.MaxDescriptionLength} characters."];
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? SlugFrom(form.Name ?? "") : form.Slug.Trim();
        if (slug.Length == 0 && !errors.ContainsKey("name")) errors["slug"] = ["Give the list a web address (letters, digits and dashes)."];
        else if (slug.Length > 0 && (slug.Length > NewsletterListForm.MaxSlugLength || !Slug().IsMatch(slug)))
            errors["slug"] = [$"Use lower-case letters, digits and single dashes, up to {NewsletterListForm.MaxSlugLength} characters."];
        else if (slug.Length > 0 && await db.NewsletterLists.AnyAsync(l => l.Slug == slug && l.Id != id, ct))
            errors["slug"] = ["Another list uses this web address."];
        return (slug, errors);
    }

    /// <summary>Saves; a slug taken by a concurrent writer (the unique index) becomes the same field error.</summary>
    private static async Task<SaveResult<NewsletterListItem>?> SaveAsync(MarketingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return SaveResult<NewsletterListItem>.Invalid("slug", "Another list uses this web address.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static string? Iso(DateTime? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
