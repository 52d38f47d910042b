namespace Allnimall.Marketing.Core.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Marketer = "Marketer";
    public const string StoreOwner = "StoreOwner";

    public static readonly IReadOnlyList<string> All = [Admin, Marketer, StoreOwner];
}
