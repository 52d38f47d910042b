namespace Allnimall.Marketing.Core.Common;

/// <summary>One page of rows and the number of rows across all pages (after filters and search).</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize);
