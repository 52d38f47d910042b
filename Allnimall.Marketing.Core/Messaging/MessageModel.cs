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
    string? UnsubscribeUrl = null)
{
    /// <summary>
    /// What <c>unsubscribe_url</c> renders to in an HTML body when the model carries no URL (previews, and the dispatcher,
    /// which renders before a delivery's signed link exists); the email composition step replaces it with the
    /// delivery's signed unsubscribe URL. A reserved .invalid host, so it can never reach anyone.
    /// </summary>
    public const string UnsubscribeUrlPlaceholder = "https://unsubscribe.invalid/link";
}
