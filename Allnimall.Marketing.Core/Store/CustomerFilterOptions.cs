namespace Allnimall.Marketing.Core.Store;

/// <summary>The values the grid's city and country filters offer.</summary>
public sealed record CustomerFilterOptions(IReadOnlyList<string> Cities, IReadOnlyList<string> Countries);
