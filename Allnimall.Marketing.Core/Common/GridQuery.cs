namespace Allnimall.Marketing.Core.Common;

/// <summary>
/// One page of a server-side grid: <see cref="Page"/> is 1-based; <see cref="SortBy"/> is one of the feature's sort
/// keys (null = the feature's default order); <see cref="Search"/> is free text. Features derive a record that adds
/// their typed filters.
/// </summary>
public record GridQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
    public string? SortBy { get; init; }
    public bool Descending { get; init; }
    public string? Search { get; init; }

    /// <summary>Page size within 1..<see cref="MaxPageSize"/>, so no caller can ask for the whole table.</summary>
    public int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);

    /// <summary>Page within 1..the last page an int offset can reach (a huge page is simply empty, never an overflow).</summary>
    public int EffectivePage => Math.Clamp(Page, 1, int.MaxValue / MaxPageSize);

    public int Offset => (EffectivePage - 1) * EffectivePageSize;

    /// <summary>The search text trimmed, or null when there is nothing to search for.</summary>
    public string? SearchText => string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();

    /// <summary>Field errors keyed by the API's query parameter names; empty when the query is valid.</summary>
    public Dictionary<string, string[]> Validate(IReadOnlyCollection<string> sortKeys)
    {
        var errors = new Dictionary<string, string[]>();
        if (Page < 1) errors["page"] = ["Page starts at 1."];
        if (PageSize is < 1 or > MaxPageSize) errors["page_size"] = [$"Page size must be between 1 and {MaxPageSize}."];
        if (SortBy is not null && !sortKeys.Contains(SortBy, StringComparer.OrdinalIgnoreCase))
            errors["sort"] = [$"Unknown sort key '{SortBy}'. Use one of: {string.Join(", ", sortKeys)}."];
        if (Search is { Length: > 200 }) errors["search"] = ["Search text is limited to 200 characters."];
        return errors;
    }
}
