namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>Delivery settings, bound from "Delivery".</summary>
public sealed class DeliveryOptions
{
    /// <summary>How long a claimed batch is held; must exceed the time to send one batch.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts (hand-overs) before a transiently failing delivery is failed for good.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first transient failure; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The sender as templates see it (<c>store.name</c>, <c>store.url</c>, <c>store.address</c>).</summary>
    public string StoreName { get; set; } = "Allnimall Pet Store";

    public string? StoreUrl { get; set; }

    public string? StoreAddress { get; set; }
}
