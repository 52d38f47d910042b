using System.Globalization;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// A discount's promo codes: bulk generation of unique codes, the code list, CSV export and disabling a code.
/// </summary>
public sealed class PromoCodeService(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Codes are written in chunks of this many, each under a savepoint so a collision retries only its chunk.</summary>
    public const int ChunkSize = 50_000;
    private const int MaxAttemptsPerChunk = 5;

    /// <summary>
    /// Generates <see cref="PromoCodeRequest.Count"/> new unique codes in one transaction: all or none are stored. Codes
    /// are distinct in memory; a clash with a code already stored (rare: the code space is at least 1,000 times the
    /// request) fails its chunk on the unique index, and the chunk is rolled back to its savepoint, the clashing codes
    /// are replaced and the chunk is written again.
    /// </summary>
    public async Task<SaveResult<CodeGenerationResult>> GenerateAsync(Guid discountId, PromoCodeRequest request,
        IProgress<CodeGenerationProgress>? progress = null, CancellationToken ct = default)
    {
        var errors = PromoCodeGenerator.Validate(request);
        if (errors.Count > 0) return SaveResult<CodeGenerationResult>.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var method = await db.DiscountCampaigns.Where(d => d.Id == discountId).Select(d => (DiscountMethod?)d.Method).SingleOrDefaultAsync(ct);
        if (method is null) return SaveResult<CodeGenerationResult>.NotFound();
        if (method == DiscountMethod.Automatic)
            return SaveResult<CodeGenerationResult>.Conflict("An automatic discount applies without codes. Switch it to codes first.");

        var now = clock.GetUtcNow().UtcDateTime;
        var all = PromoCodeGenerator.Generate(request, request.Count);
        // In code order, each chunk appends to the unique code index instead of writing all over it.
        var ordered = all.Order(StringComparer.Ordinal).ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var collisions = await InsertUniqueAsync(db, transaction, ordered, all, request,
            (code, _) => new PromoCode { DiscountCampaignId = discountId, Code = code, CreatedAt = now },
            written => progress?.Report(new CodeGenerationProgress(written, request.Count)), ct);
        await transaction.CommitAsync(ct);
        return SaveResult<CodeGenerationResult>.Ok(new CodeGenerationResult(discountId, ordered.Length, collisions));
    }

    /// <summary>
    /// Writes <paramref name="codes"/> (distinct, from <see cref="PromoCodeGenerator.Generate"/>; <paramref name="all"/> is
    /// every code of this generation) in the caller's <paramref name="transaction"/>, in chunks under a savepoint: a chunk
    /// that clashes with a stored code is rolled back to its savepoint, its taken codes are replaced and it is written
    /// again. <paramref name="row"/> makes the row of the code at an index; a replaced code keeps its index, so whatever
    /// the row carries besides the code (a customer, a delivery) stays with its position. Returns the collisions.
    /// </summary>
    internal static async Task<int> InsertUniqueAsync(MarketingDbContext db, IDbContextTransaction transaction, string[] codes,
        HashSet<string> all, PromoCodeRequest request, Func<string, int, PromoCode> row, Action<int>? written, CancellationToken ct)
    {
        var collisions = 0;
        var done = 0;
        foreach (var chunk in codes.Chunk(ChunkSize))
        {
            var current = chunk;
            for (var attempt = 1; ; attempt++)
            {
                await transaction.CreateSavepointAsync("codes", ct);
                try
                {
                    var offset = done;
                    var rows = current.Select((code, i) => row(code, offset + i)).ToList();
                    await BulkInsert.InsertAsync(db, rows, stampTimestampsAt: null, ct); // the row factory sets CreatedAt
                    break;
                }
                catch (Exception ex) when (DbErrors.IsUniqueViolation(ex) && attempt < MaxAttemptsPerChunk)
                {
                    await transaction.RollbackToSavepointAsync("codes", ct);
                    var taken = await TakenAsync(db, current, ct);
                    collisions += taken.Count;
                    current = Replace(current, taken, all, request);
                }
            }
            done += current.Length;
            written?.Invoke(done);
        }
        return collisions;
    }

    private static async Task<HashSet<string>> TakenAsync(MarketingDbContext db, string[] codes, CancellationToken ct)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in codes.Chunk(500))
            taken.UnionWith(await db.PromoCodes.AsNoTracking().Where(p => batch.Contains(p.Code)).Select(p => p.Code).ToListAsync(ct));
        return taken;
    }

    /// <summary>The chunk with every taken code swapped for a fresh one that is new to this generation too.</summary>
    private static string[] Replace(string[] codes, HashSet<string> taken, HashSet<string> all, PromoCodeRequest request)
    {
        var fresh = new List<string>(taken.Count);
        while (fresh.Count < taken.Count)
            foreach (var code in PromoCodeGenerator.Generate(request, taken.Count - fresh.Count))
                if (all.Add(code)) fresh.Add(code);
        var next = 0;
        return codes.Select(c => taken.Contains(c) ? fresh[next++] : c).ToArray();
    }

    /// <summary>How many of the presented codes (matched as checkout matches them) exist on no discount.</summary>
    public async Task<int> CountUnknownAsync(IEnumerable<string?> presented, CancellationToken ct = default)
    {
        var normalized = presented.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => DiscountCalculator.Normalize(c!)).Distinct().ToList();
        if (normalized.Count == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return normalized.Count - await db.PromoCodes.CountAsync(p => normalized.Contains(p.Code), ct);
    }

    public async Task<PagedResult<PromoCodeRow>?> ListAsync(Guid discountId, PromoCodeQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endsAt = await db.DiscountCampaigns.Where(d => d.Id == discountId)
            .Select(d => new { db.Campaigns.Single(c => c.Id == d.CampaignId).EndDate }).SingleOrDefaultAsync(ct);
        if (endsAt is null) return null;
        var expired = endsAt.EndDate <= clock.GetUtcNow().UtcDateTime;
        var codes = db.PromoCodes.AsNoTracking().Where(p => p.DiscountCampaignId == discountId);
        codes = query.Status switch
        {
            PromoCodeStatus.Disabled => codes.Where(p => p.DisabledAt != null),
            PromoCodeStatus.Redeemed => codes.Where(p => p.DisabledAt == null && !p.IsShared && p.UsageCount >= 1),
            PromoCodeStatus.Expired => expired ? codes.Where(p => p.DisabledAt == null && (p.IsShared || p.UsageCount == 0)) : codes.Where(p => false),
            PromoCodeStatus.Unused => expired ? codes.Where(p => false) : codes.Where(p => p.DisabledAt == null && (p.IsShared || p.UsageCount == 0)),
            _ => codes,
        };
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(DiscountCalculator.Normalize(search));
            codes = codes.Where(p => EF.Functions.Like(p.Code, pattern, LikePattern.EscapeCharacter));
        }
        var total = await codes.CountAsync(ct);
        var rows = await codes.OrderBy(p => p.Id).Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(p => new { p.Id, p.Code, p.IsShared, p.UsageCount, p.AssignedCustomerId, p.CreatedAt, p.DisabledAt })
            .ToListAsync(ct);
        var items = rows.Select(p => new PromoCodeRow(p.Id, p.Code, p.IsShared, StatusOf(p.DisabledAt, p.IsShared, p.UsageCount, expired),
            p.UsageCount, p.AssignedCustomerId, p.CreatedAt, p.DisabledAt)).ToList();
        return new PagedResult<PromoCodeRow>(items, total, query.EffectivePage, query.EffectivePageSize);
    }

    public static PromoCodeStatus StatusOf(DateTime? disabledAt, bool isShared, int usageCount, bool discountExpired) =>
        disabledAt is not null ? PromoCodeStatus.Disabled
        : !isShared && usageCount >= 1 ? PromoCodeStatus.Redeemed
        : discountExpired ? PromoCodeStatus.Expired
        : PromoCodeStatus.Unused;

    /// <summary>Disables one code of the discount; disabling twice is harmless.</summary>
    public async Task<SaveResult<bool>> DisableAsync(Guid discountId, Guid codeId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.PromoCodes.Where(p => p.Id == codeId && p.DiscountCampaignId == discountId && p.DisabledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DisabledAt, now), ct);
        if (changed == 1 || await db.PromoCodes.AnyAsync(p => p.Id == codeId && p.DiscountCampaignId == discountId, ct))
            return SaveResult<bool>.Ok(true);
        return SaveResult<bool>.NotFound();
    }

    /// <summary>
    /// Writes every code of the discount as CSV (formula-safe, see <see cref="FormulaSafeCsv"/>) to <paramref name="output"/>,
    /// reading and writing in pieces so a million codes never sit in memory at once. False when there is no such discount.
    /// </summary>
    public async Task<bool> ExportCsvAsync(Guid discountId, Stream output, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var endsAt = await db.DiscountCampaigns.Where(d => d.Id == discountId)
            .Select(d => new { db.Campaigns.Single(c => c.Id == d.CampaignId).EndDate }).SingleOrDefaultAsync(ct);
        if (endsAt is null) return false;
        var expired = endsAt.EndDate <= clock.GetUtcNow().UtcDateTime;
        string[]? header = ["code", "status", "shared", "usage_count", "assigned_customer_id", "created_at", "disabled_at"];
        string? after = null;
        var first = true;
        while (true)
        {
            var page = db.PromoCodes.AsNoTracking().Where(p => p.DiscountCampaignId == discountId);
            if (after is { } last) page = page.Where(p => string.Compare(p.Code, last) > 0);
            var rows = await page.OrderBy(p => p.Code).Take(10_000)
                .Select(p => new { p.Id, p.Code, p.IsShared, p.UsageCount, p.AssignedCustomerId, p.CreatedAt, p.DisabledAt })
                .ToListAsync(ct);
            if (rows.Count == 0 && !first) break;
            var bytes = FormulaSafeCsv.Write(header, rows.Select(p => new[]
            {
                p.Code,
                SnakeCaseEnumConverter<PromoCodeStatus>.ToDbValue(StatusOf(p.DisabledAt, p.IsShared, p.UsageCount, expired)),
                p.IsShared ? "yes" : "no",
                p.UsageCount.ToString(CultureInfo.InvariantCulture),
                p.AssignedCustomerId?.ToString(),
                p.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                p.DisabledAt?.ToString("O", CultureInfo.InvariantCulture),
            }), first);
            await output.WriteAsync(bytes, ct);
            if (rows.Count == 0) break;
            (header, first, after) = (null, false, rows[^1].Code);
        }
        return true;
    }
}
