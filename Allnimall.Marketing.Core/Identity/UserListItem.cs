namespace Allnimall.Marketing.Core.Identity;

public sealed record UserListItem(
    string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, DateTime CreatedAt,
    bool IsLocked, DateTimeOffset? LockoutEnd, int FailedAttempts);
