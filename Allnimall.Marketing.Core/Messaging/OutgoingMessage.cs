using Allnimall.Marketing.Core.Campaigns;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// A rendered message for one recipient; <see cref="Subject"/> is null for SMS. <see cref="IsTest"/>: a "send test"
/// from the campaign form, with no delivery behind <see cref="DeliveryId"/> (a fresh id that only names the message).
/// <see cref="Headers"/>: extra header fields a channel carries (email: List-Unsubscribe, List-Unsubscribe-Post), added by
/// the email composition step and written by the email transports.
/// </summary>
public sealed record OutgoingMessage(
    Guid DeliveryId,
    DeliveryChannel Channel,
    string Recipient,
    string? Subject,
    string Body,
    string? SenderName = null,
    string? SenderAddress = null,
    bool IsTest = false,
    IReadOnlyDictionary<string, string>? Headers = null);
