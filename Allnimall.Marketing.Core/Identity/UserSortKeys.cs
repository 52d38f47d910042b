namespace Allnimall.Marketing.Core.Identity;

/// <summary>The columns the users grid can sort by (mapped to expressions in <see cref="UserAdminService"/>).</summary>
public static class UserSortKeys
{
    public const string Email = "email";
    public const string DisplayName = "display_name";
    public const string CreatedAt = "created_at";
}
