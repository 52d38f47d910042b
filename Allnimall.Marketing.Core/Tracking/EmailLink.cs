namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// One tracked link of one sent email, stored when the message is composed: a click token names the delivery and the
/// index, and the redirect goes to the URL stored here, never to anything the request carries.
/// </summary>
public class EmailLink
{
    public Guid DeliveryId { get; set; }
    public int LinkIndex { get; set; }
    public required string Url { get; set; }
}
