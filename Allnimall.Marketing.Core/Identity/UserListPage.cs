namespace Allnimall.Marketing.Core.Identity;

public sealed record UserListPage(IReadOnlyList<UserListItem> Items, int TotalCount);
