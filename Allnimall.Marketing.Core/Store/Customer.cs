namespace Allnimall.Marketing.Core.Store;

/// <summary>A customer of the pet store, mirrored from the store backend (keyed there by <see cref="ExternalId"/>).</summary>
public class Customer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string ExternalId { get; set; }
    public required string FirstName { get; set; }
    public string LastName { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public DateOnly? BirthDate { get; set; }
    public Gender Gender { get; set; } = Gender.Unknown;
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? Country { get; set; }
    public IncomeBand? IncomeBand { get; set; }
    public bool EmailConsent { get; set; }
    public DateTime? EmailConsentAt { get; set; }
    public string? EmailConsentSource { get; set; }
    public bool SmsConsent { get; set; }
    public DateTime? SmsConsentAt { get; set; }
    public string? SmsConsentSource { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<Order> Orders { get; set; } = [];
}

public enum Gender { Unknown, Female, Male, Other }

public enum IncomeBand { Low, LowerMiddle, Middle, UpperMiddle, High }
