namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// Everything a message template can see. Exposed as <c>customer</c>, <c>store</c>, <c>campaign</c>,
/// <c>promo_code</c> and <c>unsubscribe_url</c>; members use snake_case names (<c>customer.first_name</c>).
/// Only what marketing copy needs: no ids, consent flags or other internals.
/// </summary>
public sealed record MessageModel(
    MessageCustomer Customer,
    MessageStore Store,
    MessageCampaign Campaign,
    string? PromoCode = null,
    string? UnsubscribeUrl = null);
