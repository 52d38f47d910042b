namespace Allnimall.Marketing.Web.Authorization;

public static class AuthSchemes
{
    /// <summary>Chooses the API-key handler when a key is presented, Identity's cookie otherwise.</summary>
    public const string Smart = "Smart";
    public const string ApiKey = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string ScopeClaim = "scope";
}
