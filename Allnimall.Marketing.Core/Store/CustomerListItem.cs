namespace Allnimall.Marketing.Core.Store;

/// <summary>A customer grid row. Orders, spend and last order follow <see cref="OrderRevenue"/>.</summary>
public sealed record CustomerListItem(
    Guid Id,
    string ExternalId,
    string Name,
    string? Email,
    string? Phone,
    string? City,
    string? Country,
    Gender Gender,
    bool IsActive,
    bool EmailConsent,
    bool SmsConsent,
    DateTime CreatedAt,
    int OrdersCount,
    decimal LifetimeSpend,
    DateTime? LastOrderAt);
