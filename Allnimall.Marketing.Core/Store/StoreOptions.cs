namespace Allnimall.Marketing.Core.Store;

/// <summary>Settings of the store itself, bound from "Store".</summary>
public sealed class StoreOptions
{
    /// <summary>The store's IANA time zone: campaign dates are entered and shown in it, and stored in UTC.</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
}
