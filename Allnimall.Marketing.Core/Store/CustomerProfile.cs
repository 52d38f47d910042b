namespace Allnimall.Marketing.Core.Store;

public sealed record CustomerProfile(
    Guid Id,
    string ExternalId,
    string FirstName,
    string LastName,
    string? Email,
    string? Phone,
    DateOnly? BirthDate,
    Gender Gender,
    string? City,
    string? Region,
    string? Country,
    IncomeBand? IncomeBand,
    bool IsActive,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public string Name => string.IsNullOrEmpty(LastName) ? FirstName : $"{FirstName} {LastName}";
}
