namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>
/// A customer as the store sends it. The profile fields replace what is stored; consent and <see cref="IsActive"/>
/// change only when given. Enum fields are snake_case text (<c>female</c>, <c>upper_middle</c>) so that one bad value
/// rejects its row, not the whole batch. Server-owned fields (id, created_at, updated_at) are not part of the row.
/// </summary>
public sealed record CustomerIngestRow
{
    public string? ExternalId { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Gender { get; init; }
    public string? City { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? IncomeBand { get; init; }
    public bool? EmailConsent { get; init; }
    public DateTime? EmailConsentAt { get; init; }
    public string? EmailConsentSource { get; init; }
    public bool? SmsConsent { get; init; }
    public DateTime? SmsConsentAt { get; init; }
    public string? SmsConsentSource { get; init; }
    public bool? IsActive { get; init; }
}
