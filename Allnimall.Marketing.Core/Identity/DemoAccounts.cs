namespace Allnimall.Marketing.Core.Identity;

/// <summary>Accounts seeded in Development only, and listed on the login page there.</summary>
public static class DemoAccounts
{
    public const string Password = "Allnimall-Demo-2026!";

    public static readonly IReadOnlyList<(string Email, string Role, string DisplayName)> All =
    [
        ("admin@demo.allnimall.test", Roles.Admin, "Ayu Admin"),
        ("marketer@demo.allnimall.test", Roles.Marketer, "Maya Marketer"),
        ("owner@demo.allnimall.test", Roles.StoreOwner, "Oscar Owner"),
    ];
}
