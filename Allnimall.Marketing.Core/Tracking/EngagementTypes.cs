namespace Allnimall.Marketing.Core.Tracking;

/// <summary>The values of <c>customer_engagement.engagement_type</c>.</summary>
public static class EngagementTypes
{
    public const string EmailSent = "email_sent";
    public const string EmailOpen = "email_open";
    public const string EmailClick = "email_click";
    public const string EmailUnsubscribe = "email_unsubscribe";
    public const string SmsSent = "sms_sent";
    public const string SmsClick = "sms_click";
    public const string SmsUnsubscribe = "sms_unsubscribe";
    public const string DiscountRedeemed = "discount_redeemed";
}
