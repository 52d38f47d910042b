using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Core.Store;

/// <summary>The customer grid's page, sort and search, plus its filters (null = any).</summary>
public sealed record CustomerGridQuery : GridQuery
{
    public string? City { get; init; }
    public string? Country { get; init; }
    public Gender? Gender { get; init; }
    public bool? IsActive { get; init; }
    public bool? EmailConsent { get; init; }
    public bool? SmsConsent { get; init; }

    public Dictionary<string, string[]> Validate() => Validate(CustomerSortKeys.All);
}
