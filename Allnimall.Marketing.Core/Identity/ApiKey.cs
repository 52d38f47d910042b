namespace Allnimall.Marketing.Core.Identity;

/// <summary>A key the store backend uses to call the API. Only the SHA-256 hash of the secret is stored.</summary>
public class ApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>The public part of the key (before the dot), used to find the row without scanning hashes.</summary>
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }
    public List<string> Scopes { get; set; } = [];
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}
