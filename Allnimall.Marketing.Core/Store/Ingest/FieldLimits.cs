namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>The column lengths of the store tables (see StoreEntityConfigurations); a test keeps the two in step.</summary>
internal static class FieldLimits
{
    public const int ExternalId = 100;
    public const int FirstName = 100;
    public const int LastName = 100;
    public const int Email = 256;
    public const int Phone = 32;
    public const int Place = 100;
    public const int ConsentSource = 50;
    public const int CategoryName = 100;
    public const int Sku = 64;
    public const int ProductName = 200;
    public const int PromoCode = 64;
}
