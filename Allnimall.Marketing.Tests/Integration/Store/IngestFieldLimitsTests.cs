using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Integration.Store;

/// <summary>The ingest validates lengths before saving; these must be the lengths of the columns, or a long value would fail the whole batch.</summary>
public sealed class IngestFieldLimitsTests
{
    public static TheoryData<Type, string, int> Limits => new()
    {
        { typeof(Customer), nameof(Customer.ExternalId), FieldLimits.ExternalId },
        { typeof(Customer), nameof(Customer.FirstName), FieldLimits.FirstName },
        { typeof(Customer), nameof(Customer.LastName), FieldLimits.LastName },
        { typeof(Customer), nameof(Customer.Email), FieldLimits.Email },
        { typeof(Customer), nameof(Customer.Phone), FieldLimits.Phone },
        { typeof(Customer), nameof(Customer.City), FieldLimits.Place },
        { typeof(Customer), nameof(Customer.Region), FieldLimits.Place },
        { typeof(Customer), nameof(Customer.Country), FieldLimits.Place },
        { typeof(Customer), nameof(Customer.EmailConsentSource), FieldLimits.ConsentSource },
        { typeof(Customer), nameof(Customer.SmsConsentSource), FieldLimits.ConsentSource },
        { typeof(ProductCategory), nameof(ProductCategory.ExternalId), FieldLimits.ExternalId },
        { typeof(ProductCategory), nameof(ProductCategory.Name), FieldLimits.CategoryName },
        { typeof(Product), nameof(Product.ExternalId), FieldLimits.ExternalId },
        { typeof(Product), nameof(Product.Sku), FieldLimits.Sku },
        { typeof(Product), nameof(Product.Name), FieldLimits.ProductName },
        { typeof(Order), nameof(Order.ExternalId), FieldLimits.ExternalId },
        { typeof(Order), nameof(Order.PromoCode), FieldLimits.PromoCode },
        { typeof(BrowsingEvent), nameof(BrowsingEvent.ExternalId), FieldLimits.ExternalId },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task Validation_limit_matches_the_column(Type entity, string property, int limit)
    {
        await using var database = new SqliteTestDatabase();
        await using var db = database.CreateDbContext();
        var column = db.Model.FindEntityType(entity)!.FindProperty(property)!;
        Assert.Equal(column.GetMaxLength(), limit);
    }
}
