namespace Allnimall.Marketing.Core.Identity;

/// <summary>Scopes an API key can carry. The store backend gets keys with only what it needs.</summary>
public static class ApiScopes
{
    public const string IngestWrite = "ingest:write";
    public const string CustomersRead = "customers:read";
    public const string PromoRedeem = "promo:redeem";

    public static readonly IReadOnlyList<string> All = [IngestWrite, CustomersRead, PromoRedeem];
}
