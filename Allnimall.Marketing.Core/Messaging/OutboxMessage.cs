namespace Allnimall.Marketing.Core.Messaging;

/// <summary>A message "sent" by the embedded development transport: stored, shown in the UI, never leaves the app.</summary>
public class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>
    /// Unique: a second send of the same delivery fails loudly instead of reaching the customer twice. Null for a test
    /// send, which has no delivery.
    /// </summary>
    public Guid? DeliveryId { get; set; }
    /// <summary>A "send test" from the campaign form, not a message to a customer.</summary>
    public bool IsTest { get; set; }
    public Campaigns.DeliveryChannel Channel { get; set; }
    public required string Recipient { get; set; }
    public string? Subject { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
}
