using System.Linq.Expressions;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Newsletters;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// The send-time check: why a customer delivery must not be sent now, although it was fine at launch (consent withdrawn,
/// customer deactivated, address removed, address put on the email suppression list). One expression, translated into the dispatcher's single skip UPDATE per batch
/// (a CASE per row, no row loop). Add a new suppression source (the email issue's suppression list, erasure) here, as one
/// more branch, and every channel's dispatch honours it.
/// </summary>
internal static class DeliverySuppression
{
    public const string CustomerInactive = "customer inactive";
    public const string NoEmailConsent = "no email consent";
    public const string NoSmsConsent = "no SMS consent";
    public const string NoAddress = "no address on the channel";
    // "suppressed: <reason>" for an address on the email suppression list (the reason as stored).
    public const string SuppressedUnsubscribed = "suppressed: unsubscribed";
    public const string SuppressedHardBounce = "suppressed: hard_bounce";
    public const string SuppressedComplained = "suppressed: complained";
    public const string SuppressedSoftBounceLimit = "suppressed: soft_bounce_limit";
    public const string SuppressedManual = "suppressed: manual";
    public const string LeftNewsletter = "left the newsletter";

    /// <summary>
    /// The skip reason for a delivery, or null when it may be sent. Social posts (no customer) are never suppressed. A
    /// newsletter issue's delivery is checked against its subscription (still subscribed; the subscription is the
    /// consent, for customers and outside addresses alike) and the suppression list for the subscribed address.
    /// </summary>
    public static Expression<Func<CampaignDelivery, string?>> Reason(MarketingDbContext db) => d =>
        d.NewsletterSubscriptionId != null
            ? db.NewsletterSubscriptions.Where(s => s.Id == d.NewsletterSubscriptionId).Select(s =>
                s.Status != NewsletterSubscriptionStatus.Subscribed ? LeftNewsletter
                : db.EmailSuppressions.Where(x => x.Email == s.Email).Select(x =>
                    x.Reason == EmailSuppressionReason.Unsubscribed ? SuppressedUnsubscribed
                    : x.Reason == EmailSuppressionReason.HardBounce ? SuppressedHardBounce
                    : x.Reason == EmailSuppressionReason.Complained ? SuppressedComplained
                    : x.Reason == EmailSuppressionReason.SoftBounceLimit ? SuppressedSoftBounceLimit
                    : SuppressedManual).FirstOrDefault()).FirstOrDefault()
        : d.CustomerId == null ? null
        : db.Customers.Where(c => c.Id == d.CustomerId).Select(c =>
            !c.IsActive ? CustomerInactive
            : d.Channel == DeliveryChannel.Email
                ? (!c.EmailConsent ? NoEmailConsent : c.Email == null || c.Email.Trim() == "" ? NoAddress
                    // The email suppression list (unsubscribed, bounced, complained, manual), by normalised address.
                    : db.EmailSuppressions.Where(x => x.Email == c.Email.Trim().ToLower()).Select(x =>
                        x.Reason == EmailSuppressionReason.Unsubscribed ? SuppressedUnsubscribed
                        : x.Reason == EmailSuppressionReason.HardBounce ? SuppressedHardBounce
                        : x.Reason == EmailSuppressionReason.Complained ? SuppressedComplained
                        : x.Reason == EmailSuppressionReason.SoftBounceLimit ? SuppressedSoftBounceLimit
                        : SuppressedManual).FirstOrDefault())
                : d.Channel == DeliveryChannel.Sms
                    ? (!c.SmsConsent ? NoSmsConsent : c.Phone == null || c.Phone.Trim() == "" ? NoAddress : null)
                    : null).FirstOrDefault();

    /// <summary><c>d =&gt; Reason(d) != null</c>, for the UPDATE's WHERE.</summary>
    public static Expression<Func<CampaignDelivery, bool>> IsSuppressed(MarketingDbContext db)
    {
        var reason = Reason(db);
        return Expression.Lambda<Func<CampaignDelivery, bool>>(
            Expression.NotEqual(reason.Body, Expression.Constant(null, typeof(string))), reason.Parameters);
    }
}
