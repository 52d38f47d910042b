using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>Segments for the grid, the editor (with live preview), the detail page and the API.</summary>
public sealed class SegmentService(IDbContextFactory<MarketingDbContext> dbFactory, SegmentRefresher refresher, TimeProvider clock)
{
    public const int PreviewSampleSize = 10;

    /// <summary>Campaign statuses in which a campaign still relies on its audience.</summary>
    private static readonly CampaignStatus[] LiveStatuses = [CampaignStatus.Scheduled, CampaignStatus.Active, CampaignStatus.Paused];

    public async Task<PagedResult<SegmentListItem>> ListAsync(SegmentGridQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var segments = db.CustomerSegments.AsNoTracking();
        if (query.Type is { } type) segments = segments.Where(s => s.SegmentType == type);
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            segments = segments.Where(s => EF.Functions.Like(s.Name, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(s.Description ?? "", pattern, LikePattern.EscapeCharacter));
        }
        var total = await segments.CountAsync(ct);
        var ordered = query.SortBy?.ToLowerInvariant() switch
        {
            SegmentSortKeys.CustomerCount => segments.OrderBy(s => s.CustomerCount, query.Descending),
            SegmentSortKeys.LastRefreshed => segments.OrderBy(s => s.LastRefreshedAt, query.Descending),
            SegmentSortKeys.Updated => segments.OrderBy(s => s.UpdatedAt, query.Descending),
            _ => segments.OrderBy(s => s.Name, query.Descending),
        };
        var items = await ordered.ThenBy(s => s.Id)
            .Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(s => new SegmentListItem(s.Id, s.Name, s.Description, s.SegmentType, s.CustomerCount, s.LastRefreshedAt,
                s.IsActive, s.UpdatedAt, s.RefreshClaimedUntil != null && s.RefreshClaimedUntil > now))
            .ToListAsync(ct);
        return new PagedResult<SegmentListItem>(items, total, query.EffectivePage, query.EffectivePageSize);
    }

    public async Task<SegmentDetailView?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segment = await db.CustomerSegments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return null;
        var history = await db.SegmentRefreshes.AsNoTracking().Where(r => r.SegmentId == id)
            .OrderByDescending(r => r.RefreshedAt).Take(90)
            .Select(r => new SegmentSizePoint(r.RefreshedAt, r.CustomerCount, r.Added, r.Removed, r.DurationMs, r.Trigger))
            .ToListAsync(ct);
        var rule = SegmentRuleJson.Deserialize(segment.SegmentCriteria);
        var now = clock.GetUtcNow().UtcDateTime;
        return new SegmentDetailView(segment.Id, segment.Name, segment.Description, segment.SegmentType, rule,
            await DescribeAsync(db, segment.SegmentType, rule, ct), segment.CustomerCount, segment.LastRefreshedAt,
            segment.RefreshClaimedUntil > now, segment.Version, segment.CreatedAt, segment.UpdatedAt, history.AsEnumerable().Reverse().ToList());
    }

    /// <summary>Creates a segment and fills it at once, so it is never shown empty by mistake.</summary>
    public async Task<SaveResult<SegmentDetailView>> CreateAsync(SegmentForm form, string userId, CancellationToken ct = default)
    {
        if (Validate(form) is { Count: > 0 } errors) return SaveResult<SegmentDetailView>.Invalid(errors);
        var segment = new CustomerSegment
        {
            Name = form.Name.Trim(), Description = Blank(form.Description), SegmentType = form.Type,
            SegmentCriteria = SegmentRuleJson.Serialize(RuleOf(form)), CreatedBy = userId,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.CustomerSegments.Add(segment);
            await db.SaveChangesAsync(ct);
        }
        await refresher.RefreshAsync(segment.Id, RefreshTrigger.Saved, ct);
        return SaveResult<SegmentDetailView>.Ok((await GetAsync(segment.Id, ct))!);
    }

    public async Task<SaveResult<SegmentDetailView>> UpdateAsync(Guid id, SegmentForm form, CancellationToken ct = default)
    {
        if (Validate(form) is { Count: > 0 } errors) return SaveResult<SegmentDetailView>.Invalid(errors);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var segment = await db.CustomerSegments.SingleOrDefaultAsync(s => s.Id == id, ct);
            if (segment is null) return SaveResult<SegmentDetailView>.NotFound();
            if (form.Version is { } version && version != segment.Version)
                return SaveResult<SegmentDetailView>.Conflict("Someone else changed this segment since you opened it. Reload to see their changes.");
            if (segment.SegmentType != form.Type && segment.SegmentType == SegmentType.Static)
                return SaveResult<SegmentDetailView>.Invalid(nameof(SegmentForm.Type), "A static segment stays static; duplicate it as a dynamic one instead.");
            segment.Name = form.Name.Trim();
            segment.Description = Blank(form.Description);
            segment.SegmentType = form.Type;
            segment.SegmentCriteria = SegmentRuleJson.Serialize(RuleOf(form));
            segment.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return SaveResult<SegmentDetailView>.Conflict("Someone else changed this segment at the same time. Reload and try again.");
            }
        }
        await refresher.RefreshAsync(id, RefreshTrigger.Saved, ct);
        return SaveResult<SegmentDetailView>.Ok((await GetAsync(id, ct))!);
    }

    public async Task<SaveResult<SegmentDetailView>> DuplicateAsync(Guid id, string userId, CancellationToken ct = default)
    {
        var source = await GetAsync(id, ct);
        if (source is null) return SaveResult<SegmentDetailView>.NotFound();
        var copy = await CreateAsync(new SegmentForm
        {
            Name = Truncate($"{source.Name} (copy)", 255), Description = source.Description, Type = source.Type, Rule = source.Rule,
        }, userId, ct);
        if (source.Type != SegmentType.Static || copy.Value is not { } created) return copy;

        // A static list's members are its content: copy them, then recount.
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await CopyMembersAsync(db, id, created.Id, ct);
        await refresher.RefreshAsync(created.Id, RefreshTrigger.Saved, ct);
        return SaveResult<SegmentDetailView>.Ok((await GetAsync(created.Id, ct))!);
    }

    /// <summary>Refuses (409) while a scheduled, active or paused campaign targets the segment, naming those campaigns.</summary>
    public async Task<SaveResult<bool>> DeleteAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.CustomerSegments.AnyAsync(s => s.Id == id, ct)) return SaveResult<bool>.NotFound();
        var users = await UsedByAsync(db, id, ct);
        if (users.Count > 0)
            return SaveResult<bool>.Conflict($"This segment is used by {string.Join(", ", users.Select(u => $"\"{u}\""))}. " +
                "Finish, cancel or retarget them first.");
        await db.CustomerSegments.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
        return SaveResult<bool>.Ok(true);
    }

    public Task<SegmentRefreshResult> RefreshAsync(Guid id, CancellationToken ct = default) =>
        refresher.RefreshAsync(id, RefreshTrigger.Manual, ct);

    /// <summary>The count and first members of an unsaved rule, with the time the query took.</summary>
    public async Task<SaveResult<SegmentPreview>> PreviewAsync(SegmentRule rule, bool includePii, CancellationToken ct = default)
    {
        if (SegmentRuleValidator.Validate(rule) is { Count: > 0 } errors) return SaveResult<SegmentPreview>.Invalid(RuleErrors(errors));
        var stopwatch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await SegmentRefresher.MatchingCustomerIdsAsync(db, rule, clock.GetUtcNow().UtcDateTime, ct);
        var count = await ids.CountAsync(ct);
        var sample = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id).Take(PreviewSampleSize)
            .Select(c => new { c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.City })
            .ToListAsync(ct);
        var elapsed = (int)stopwatch.ElapsedMilliseconds;
        var rows = sample.Select(c => Member(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.City, default, includePii)).ToList();
        return SaveResult<SegmentPreview>.Ok(new SegmentPreview(count, rows, await DescribeAsync(db, SegmentType.Dynamic, rule, ct), elapsed));
    }

    public async Task<PagedResult<SegmentMemberRow>?> MembersAsync(Guid id, GridQuery query, bool includePii, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.CustomerSegments.AnyAsync(s => s.Id == id, ct)) return null;
        var members = from m in db.SegmentCustomers.AsNoTracking()
                      where m.SegmentId == id
                      join c in db.Customers on m.CustomerId equals c.Id
                      select new { m.AddedAt, c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.City };
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            members = includePii
                ? members.Where(x => EF.Functions.Like(x.FirstName + " " + x.LastName, pattern, LikePattern.EscapeCharacter)
                    || EF.Functions.Like(x.Email ?? "", pattern, LikePattern.EscapeCharacter))
                : members.Where(x => EF.Functions.Like(x.FirstName + " " + x.LastName, pattern, LikePattern.EscapeCharacter));
        }
        var total = await members.CountAsync(ct);
        var page = await (query.SortBy?.ToLowerInvariant() == "added"
                ? members.OrderBy(x => x.AddedAt, query.Descending).ThenBy(x => x.Id)
                : members.OrderBy(x => x.LastName, query.Descending).ThenBy(x => x.FirstName, query.Descending).ThenBy(x => x.Id))
            .Skip(query.Offset).Take(query.EffectivePageSize).ToListAsync(ct);
        var rows = page.Select(x => Member(x.Id, x.FirstName, x.LastName, x.Email, x.Phone, x.City, x.AddedAt, includePii)).ToList();
        return new PagedResult<SegmentMemberRow>(rows, total, query.EffectivePage, query.EffectivePageSize);
    }

    /// <summary>Adds customers to a static segment by email address or store id (a hand-picked list or an uploaded CSV).</summary>
    public async Task<SaveResult<StaticMembersResult>> AddStaticMembersAsync(Guid id, IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        var wanted = keys.Select(k => k.Trim()).Where(k => k.Length is > 0 and <= 256).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var segment = await db.CustomerSegments.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (segment is null) return SaveResult<StaticMembersResult>.NotFound();
        if (segment.SegmentType != SegmentType.Static)
            return SaveResult<StaticMembersResult>.Invalid("type", "Only static segments take hand-picked members; a dynamic segment follows its rule.");

        var lowered = wanted.Select(k => k.ToLowerInvariant()).ToList();
        var found = new List<(Guid Id, string? Email, string ExternalId)>();
        foreach (var chunk in lowered.Chunk(500))
            found.AddRange((await db.Customers.AsNoTracking()
                    .Where(c => chunk.Contains(c.ExternalId.ToLower()) || chunk.Contains(c.Email!.ToLower()))
                    .Select(c => new { c.Id, c.Email, c.ExternalId }).ToListAsync(ct))
                .Select(c => (c.Id, c.Email, c.ExternalId)));
        var matchedKeys = found.SelectMany(c => new[] { c.Email?.ToLowerInvariant(), c.ExternalId.ToLowerInvariant() }).OfType<string>().ToHashSet();
        var notFound = wanted.Where(k => !matchedKeys.Contains(k.ToLowerInvariant())).ToList();

        var customerIds = found.Select(c => c.Id).Distinct().ToList();
        var existing = new HashSet<Guid>();
        foreach (var chunk in customerIds.Chunk(500))
            existing.UnionWith(await db.SegmentCustomers.Where(m => m.SegmentId == id && chunk.Contains(m.CustomerId)).Select(m => m.CustomerId).ToListAsync(ct));
        var now = clock.GetUtcNow().UtcDateTime;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SegmentCustomers.AddRange(customerIds.Where(c => !existing.Contains(c))
            .Select(c => new SegmentCustomer { SegmentId = id, CustomerId = c, AddedAt = now }));
        var added = await db.SaveChangesAsync(ct);
        await refresher.RefreshAsync(id, RefreshTrigger.Saved, ct);
        return SaveResult<StaticMembersResult>.Ok(new StaticMembersResult(added, existing.Count, notFound));
    }

    public async Task<bool> RemoveStaticMemberAsync(Guid id, Guid customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.SegmentCustomers
            .Where(m => m.SegmentId == id && m.CustomerId == customerId && db.CustomerSegments.Any(s => s.Id == id && s.SegmentType == SegmentType.Static))
            .ExecuteDeleteAsync(ct);
        if (removed > 0) await refresher.RefreshAsync(id, RefreshTrigger.Saved, ct);
        return removed > 0;
    }

    public async Task<SegmentPickerOptions> PickerOptionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = db.Customers.AsNoTracking();
        return new SegmentPickerOptions(
            Spellings(await customers.Where(c => c.City != null).Select(c => c.City + "").Distinct().Take(2000).ToListAsync(ct)),
            Spellings(await customers.Where(c => c.Region != null).Select(c => c.Region + "").Distinct().Take(2000).ToListAsync(ct)),
            Spellings(await customers.Where(c => c.Country != null).Select(c => c.Country + "").Distinct().Take(2000).ToListAsync(ct)),
            await db.Products.AsNoTracking().OrderBy(p => p.Name).Select(p => new NamedOption(p.Id, p.Name)).Take(2000).ToListAsync(ct),
            await db.ProductCategories.AsNoTracking().OrderBy(c => c.Name).Select(c => new NamedOption(c.Id, c.Name)).ToListAsync(ct),
            await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAt).Select(c => new NamedOption(c.Id, c.Name)).Take(500).ToListAsync(ct));
    }

    /// <summary>
    /// One spelling per place, whatever case the store sent ("jakarta", "Jakarta"): place columns compare without case,
    /// so any spelling matches them all. The values are read as expressions (<c>city || ''</c>), which carry no
    /// collation, so SQLite returns every spelling and the choice here is deterministic: a capitalised one, else the first.
    /// </summary>
    private static List<string> Spellings(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0)
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Order(StringComparer.Ordinal).FirstOrDefault(v => v.Any(char.IsUpper)) ?? g.Order(StringComparer.Ordinal).First())
            .Order(StringComparer.OrdinalIgnoreCase).Take(500).ToList();

    /// <summary>Names of the live campaigns whose audience includes or excludes the segment.</summary>
    public async Task<IReadOnlyList<string>> UsedByAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await UsedByAsync(db, id, ct);
    }

    private static async Task<IReadOnlyList<string>> UsedByAsync(MarketingDbContext db, Guid id, CancellationToken ct)
    {
        // The audience is JSON listing segment ids; both providers store a Guid's text in it.
        var upper = id.ToString().ToUpperInvariant();
        var lower = id.ToString();
        return await db.Campaigns.AsNoTracking()
            .Where(c => LiveStatuses.Contains(c.Status) && c.TargetAudience != null
                && (c.TargetAudience.Contains(lower) || c.TargetAudience.Contains(upper)))
            .OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct);
    }

    public static Dictionary<string, string[]> Validate(SegmentForm form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        var errors = results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (Field: m, r.ErrorMessage)))
            .GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "Invalid.").ToArray());
        if (string.IsNullOrWhiteSpace(form.Name) && !errors.ContainsKey(nameof(SegmentForm.Name)))
            errors[nameof(SegmentForm.Name)] = ["Give the segment a name."];
        if (!Enum.IsDefined(form.Type)) errors[nameof(SegmentForm.Type)] = ["A segment is dynamic or static."];
        if (form.Type == SegmentType.Dynamic)
            foreach (var (key, messages) in RuleErrors(SegmentRuleValidator.Validate(form.Rule))) errors[key] = messages;
        return errors;
    }

    /// <summary>Rule errors keyed <c>rule</c>, <c>rule.rules[0]</c>, …, so the editor can put each next to its condition.</summary>
    public static Dictionary<string, string[]> RuleErrors(IEnumerable<SegmentRuleError> errors) =>
        errors.GroupBy(e => e.Path.Length == 0 ? "rule" : $"rule.{e.Path}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    private async Task<string> DescribeAsync(MarketingDbContext db, SegmentType type, SegmentRule rule, CancellationToken ct)
    {
        if (type == SegmentType.Static) return "A hand-picked list of customers";
        var ids = ReferencedIds(rule).ToList();
        var names = new Dictionary<Guid, string>();
        if (ids.Count > 0)
        {
            foreach (var p in await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct)) names[p.Id] = p.Name;
            foreach (var c in await db.ProductCategories.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct)) names[c.Id] = c.Name;
            foreach (var c in await db.Campaigns.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct)) names[c.Id] = $"\"{c.Name}\"";
        }
        return SegmentRuleDescriber.Describe(rule, names);
    }

    private static IEnumerable<Guid> ReferencedIds(SegmentRule rule) => rule switch
    {
        SegmentRuleGroup g => g.Rules.SelectMany(ReferencedIds),
        SegmentCondition { ReferenceId: { } id } => [id],
        _ => [],
    };

    private static SegmentMemberRow Member(Guid id, string first, string last, string? email, string? phone, string? city, DateTime addedAt, bool includePii) =>
        new(id, $"{first} {last}".Trim(), includePii ? email : PiiMask.Email(email), includePii ? phone : PiiMask.Phone(phone), city, addedAt);

    private async Task CopyMembersAsync(MarketingDbContext db, Guid from, Guid to, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await db.SegmentCustomers.Where(m => m.SegmentId == from).Select(m => m.CustomerId).ToListAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.SegmentCustomers.AddRange(ids.Select(c => new SegmentCustomer { SegmentId = to, CustomerId = c, AddedAt = now }));
        await db.SaveChangesAsync(ct);
    }

    private static SegmentRule RuleOf(SegmentForm form) =>
        form.Type == SegmentType.Static || form.Rule is null ? SegmentRuleJson.EmptyRule : form.Rule;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
