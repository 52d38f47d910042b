namespace Allnimall.Marketing.Core.Email.Suppression;

public static class EmailSuppressionSortKeys
{
    public const string Email = "email";
    public const string Reason = "reason";
    public const string CreatedAt = "created_at";

    public static readonly IReadOnlyList<string> All = [Email, Reason, CreatedAt];
}
