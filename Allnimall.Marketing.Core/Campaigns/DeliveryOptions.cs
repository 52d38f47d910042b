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

    /// <summary>Deliveries claimed per dispatcher batch.</summary>
    public int DispatchBatchSize { get; set; } = 100;

    /// <summary>How long one <c>DispatchDeliveriesJob</c> run keeps claiming batches (about its schedule interval).</summary>
    public TimeSpan DispatchRunTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Emails handed to the transport per second in this process; 0 = unlimited.</summary>
    public double EmailPerSecond { get; set; }

    /// <summary>SMS messages handed to the transport per second in this process; 0 = unlimited.</summary>
    public double SmsPerSecond { get; set; }

    /// <summary>Social posts handed to the transport per second in this process; 0 = unlimited.</summary>
    public double SocialPerSecond { get; set; }

    /// <summary>At most this many messages per customer and channel within <see cref="FrequencyCapDays"/>, across campaigns; 0 = no cap.</summary>
    public int FrequencyCapMessages { get; set; } = 3;

    public int FrequencyCapDays { get; set; } = 7;

    /// <summary>The sender as templates see it (<c>store.name</c>, <c>store.url</c>, <c>store.address</c>).</summary>
    public string StoreName { get; set; } = "Allnimall Pet Store";

    public string? StoreUrl { get; set; }

    public string? StoreAddress { get; set; }
}
