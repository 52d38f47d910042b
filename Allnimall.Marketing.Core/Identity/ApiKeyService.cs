using System.Security.Cryptography;
using System.Text;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Identity;

public sealed record ApiKeyListItem(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes,
    DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>The key is shown once, at creation. It reads <c>amk_{prefix}.{secret}</c>; only its SHA-256 is kept.</summary>
public sealed record CreatedApiKey(ApiKeyListItem Key, string PlainTextKey);

public sealed class ApiKeyService(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The length of the name column (ApiKeyConfiguration).</summary>
    public const int MaxNameLength = 100;

    private const string KeyPrefix = "amk_";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<ApiKeyListItem>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return keys.Select(ToListItem).ToList();
    }

    public async Task<CreatedApiKey> CreateAsync(string name, IReadOnlyCollection<string> scopes, string? createdBy, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Trim().Length > MaxNameLength) throw new ArgumentException($"At most {MaxNameLength} characters.", nameof(name));
        var unknown = scopes.Except(ApiScopes.All).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown scope(s): {string.Join(", ", unknown)}", nameof(scopes));

        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var plainText = $"{KeyPrefix}{prefix}.{secret}";
        var key = new ApiKey
        {
            Name = name.Trim(),
            Prefix = prefix,
            KeyHash = Hash(plainText),
            Scopes = scopes.Distinct().Order().ToList(),
            CreatedBy = createdBy,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return new CreatedApiKey(ToListItem(key), plainText);
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct) > 0;
    }

    /// <summary>The active key matching <paramref name="presented"/>, or null. Compares hashes in constant time.</summary>
    public async Task<ApiKeyListItem?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal)) return null;
        var dot = presented.IndexOf('.', KeyPrefix.Length);
        if (dot < 0) return null;
        var prefix = presented[KeyPrefix.Length..dot];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix && k.RevokedAt == null, ct);
        if (key is null) return null;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(key.KeyHash)))
            return null;

        // Record use at minute resolution: one small write a minute, not one per request.
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        return ToListItem(key);
    }

    private static ApiKeyListItem ToListItem(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.LastUsedAt, k.RevokedAt);

    private static string Hash(string plainText) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plainText)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
