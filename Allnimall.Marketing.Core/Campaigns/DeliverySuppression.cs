using System.Linq.Expressions;
using Allnimall.Marketing.Core.Data;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// The send-time check: why a customer delivery must not be sent now, although it was fine at launch (consent withdrawn,
/// customer deactivated, address removed). One expression, translated into the dispatcher's single skip UPDATE per batch
/// (a CASE per row, no row loop). Add a new suppression source (the email issue's suppression list, erasure) here, as one
/// more branch, and every channel's dispatch honours it.
/// </summary>
internal static class DeliverySuppression
{
    public const string CustomerInactive = "customer inactive";
    public const string NoEmailConsent = "no email consent";
    public const string NoSmsConsent = "no SMS consent";
    public const string NoAddress = "no address on the channel";

    /// <summary>The skip reason for a delivery, or null when it may be sent. Social posts (no customer) are never suppressed.</summary>
    public static Expression<Func<CampaignDelivery, string?>> Reason(MarketingDbContext db) => d =>
        d.CustomerId == null ? null
        : db.Customers.Where(c => c.Id == d.CustomerId).Select(c =>
            !c.IsActive ? CustomerInactive
            : d.Channel == DeliveryChannel.Email
                ? (!c.EmailConsent ? NoEmailConsent : c.Email == null || c.Email.Trim() == "" ? NoAddress : null)
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
