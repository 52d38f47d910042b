namespace Allnimall.Marketing.Core.Email.Suppression;

/// <summary>
/// An address no marketing email may go to: unsubscribed, hard-bounced, complained, too many soft bounces, or added by
/// staff. Keyed by the normalised address (<see cref="EmailSuppressionService.Normalize"/>), so it holds for every
/// customer record and outside subscriber with that address.
/// </summary>
public class EmailSuppression
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public EmailSuppressionReason Reason { get; set; }
    /// <summary>Where it came from: "bounce mailbox", "smtp", "staff: name", "one-click unsubscribe", …</summary>
    public string? Source { get; set; }
    public DateTime CreatedAt { get; set; }
}
