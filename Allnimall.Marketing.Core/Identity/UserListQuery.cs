namespace Allnimall.Marketing.Core.Identity;

/// <summary>A page of the users grid. <see cref="SortBy"/> is one of <see cref="UserSortKeys"/>; anything else sorts by email.</summary>
public sealed record UserListQuery(string? Search = null, int Page = 0, int PageSize = 25, string? SortBy = null, bool Descending = false);
