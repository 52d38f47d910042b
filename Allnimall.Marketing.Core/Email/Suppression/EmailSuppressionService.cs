using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Email.Suppression;

/// <summary>
/// The email suppression list: read a page of it, add an address (staff, bounces, unsubscribe) and remove one. Adding
/// is idempotent for the automatic sources (the first reason stays); a manual add of a listed address is a conflict.
/// </summary>
public sealed class EmailSuppressionService(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxEmailLength = 254;
    public const int MaxSourceLength = 200;

    /// <summary>The form every suppression is stored and compared in: trimmed, lower case.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public async Task<PagedResult<EmailSuppressionItem>> ListAsync(EmailSuppressionQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.EmailSuppressions.AsNoTracking();
        if (query.SearchText is { } search)
            rows = rows.Where(s => EF.Functions.Like(s.Email, LikePattern.Contains(search.ToLowerInvariant()), LikePattern.EscapeCharacter)
                || (s.Source != null && EF.Functions.Like(s.Source, LikePattern.Contains(search), LikePattern.EscapeCharacter)));
        if (query.Reason is { } reason) rows = rows.Where(s => s.Reason == reason);
        var total = await rows.CountAsync(ct);
        var ordered = query.SortBy?.ToLowerInvariant() switch
        {
            EmailSuppressionSortKeys.Email => rows.OrderBy(s => s.Email, query.Descending),
            EmailSuppressionSortKeys.Reason => rows.OrderBy(s => s.Reason, query.Descending).ThenBy(s => s.Email, false),
            EmailSuppressionSortKeys.CreatedAt => rows.OrderBy(s => s.CreatedAt, query.Descending).ThenBy(s => s.Id, query.Descending),
            _ => rows.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id),
        };
        var items = await ordered.Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(s => new EmailSuppressionItem(s.Id, s.Email, s.Reason, s.Source, s.CreatedAt))
            .ToListAsync(ct);
        return new(items, total, query.EffectivePage, query.EffectivePageSize);
    }

    /// <summary>Staff add an address: field errors for a bad address, a conflict when it is listed already.</summary>
    public async Task<SaveResult<EmailSuppressionItem>> AddAsync(EmailSuppressionForm form, string source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string[]>();
        var address = RecipientAddress.Email(form.Email);
        if (address is null) errors["email"] = ["Enter one email address, like name@example.com."];
        if (form.Reason is { } r && !Enum.IsDefined(r)) errors["reason"] = ["Unknown reason."];
        if (form.Note is { Length: > 150 }) errors["note"] = ["The note is limited to 150 characters."];
        if (errors.Count > 0) return SaveResult<EmailSuppressionItem>.Invalid(errors);

        var fullSource = string.IsNullOrWhiteSpace(form.Note) ? source : $"{source}: {form.Note.Trim()}";
        var added = await SuppressAsync(address!, form.Reason ?? EmailSuppressionReason.Manual, fullSource, ct);
        return added is null
            ? SaveResult<EmailSuppressionItem>.Conflict($"{Normalize(address!)} is already on the suppression list.")
            : SaveResult<EmailSuppressionItem>.Ok(added);
    }

    /// <summary>Adds <paramref name="email"/> unless it is listed already (then null: the earlier reason stays).</summary>
    public async Task<EmailSuppressionItem?> SuppressAsync(string email, EmailSuppressionReason reason, string? source, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        if (normalized.Length is 0 or > MaxEmailLength) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.EmailSuppressions.AnyAsync(s => s.Email == normalized, ct)) return null;
        var row = new EmailSuppression
        {
            Email = normalized, Reason = reason, CreatedAt = clock.GetUtcNow().UtcDateTime,
            Source = source is { Length: > MaxSourceLength } ? source[..MaxSourceLength] : source,
        };
        db.EmailSuppressions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await IsListedAsync(normalized, ct)) return null; // another writer listed it between the check and the insert
            throw;
        }
        return new(row.Id, row.Email, row.Reason, row.Source, row.CreatedAt);
    }

    public async Task<bool> IsListedAsync(string email, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EmailSuppressions.AnyAsync(s => s.Email == normalized, ct);
    }

    /// <summary>Takes an address off the list; false when there was no such entry.</summary>
    public async Task<bool> RemoveAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.EmailSuppressions.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;
    }
}
