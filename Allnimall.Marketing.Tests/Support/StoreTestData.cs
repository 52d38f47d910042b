using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>Small builders for store rows in tests; each fills what the schema requires and nothing more.</summary>
public static class StoreTestData
{
    public static Customer Customer(string externalId, string firstName, string lastName = "", string? email = null,
        string? phone = null, string? city = null, string? country = null, Gender gender = Gender.Unknown,
        bool active = true, bool emailConsent = false, bool smsConsent = false, DateTime? createdAt = null) => new()
    {
        ExternalId = externalId,
        FirstName = firstName,
        LastName = lastName,
        Email = email,
        Phone = phone,
        City = city,
        Country = country,
        Gender = gender,
        IsActive = active,
        EmailConsent = emailConsent,
        SmsConsent = smsConsent,
        CreatedAt = createdAt ?? default,
    };

    public static Order Order(Customer customer, string externalId, decimal total, DateTime placedAt,
        OrderStatus status = OrderStatus.Completed) => new()
    {
        ExternalId = externalId,
        CustomerId = customer.Id,
        Total = total,
        Subtotal = total,
        PlacedAt = placedAt,
        Status = status,
    };

    public static async Task AddAsync(this SqliteTestDatabase database, params object[] rows)
    {
        await using MarketingDbContext db = database.CreateDbContext();
        db.AddRange(rows);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
