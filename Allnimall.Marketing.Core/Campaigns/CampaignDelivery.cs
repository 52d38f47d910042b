namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// One recipient of a launched campaign on one channel: created once at launch (unique per campaign, customer and
/// channel), then claimed by a dispatcher with a lease and moved to a terminal state. A social campaign's deliveries
/// are its posts: no customer, one per chosen platform (<see cref="SocialCampaignId"/>, unique per campaign). A newsletter
/// issue's deliveries carry the list subscription (<see cref="NewsletterSubscriptionId"/>, unique per campaign).
/// </summary>
public class CampaignDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    /// <summary>The customer messaged; null for a social post.</summary>
    public Guid? CustomerId { get; set; }
    /// <summary>
    /// A newsletter issue's recipient: the list subscription whose address the email goes to (with
    /// <see cref="CustomerId"/> too when the address is a customer's). Outside subscribers have only this.
    /// </summary>
    public Guid? NewsletterSubscriptionId { get; set; }
    /// <summary>The social post (one <c>social_campaigns</c> row: platform and content) this delivery publishes.</summary>
    public Guid? SocialCampaignId { get; set; }
    public DeliveryChannel Channel { get; set; }
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Queued;
    /// <summary>Times the delivery was claimed for sending (each claim is one hand-over to the transport).</summary>
    public int Attempts { get; set; }
    /// <summary>Not claimed before this time (launch time, or the backoff after a transient failure).</summary>
    public DateTime NextAttemptAt { get; set; }
    /// <summary>The claim's lease: a 'sending' row past it belongs to a dispatcher that stopped.</summary>
    public DateTime? ClaimedUntil { get; set; }
    /// <summary>Which claim (one dispatcher batch) holds the row, so a dispatcher reads back only its own rows.</summary>
    public Guid? ClaimToken { get; set; }
    public string? LastError { get; set; }
    public string? ProviderMessageId { get; set; }
    public string? SkipReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

public enum DeliveryChannel { Email, Sms, Social }

/// <summary>
/// <c>Unknown</c>: handed to the transport with no recorded answer (the process stopped mid-send); never resent
/// automatically, because the message may have gone out. <c>Bounced</c>: sent, then returned by the recipient's server
/// (a DSN in the bounce mailbox). <c>Delivered</c>: a provider confirmed delivery to the mailbox.
/// </summary>
public enum DeliveryStatus { Queued, Sending, Sent, Failed, Unknown, Skipped, Bounced, Delivered }
