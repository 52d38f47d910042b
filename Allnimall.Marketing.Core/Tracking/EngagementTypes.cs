namespace Allnimall.Marketing.Core.Tracking;

/// <summary>The values of <c>customer_engagement.engagement_type</c>.</summary>
public static class EngagementTypes
{
    public const string EmailSent = "email_sent";
    /// <summary>A sent campaign email came back (hard or soft bounce); <c>engagement_data</c> holds the kind, status and diagnostic.</summary>
    public const string EmailBounced = "email_bounced";
    /// <summary>The recipient reported a campaign email as spam (an RFC 5965 feedback report).</summary>
    public const string EmailComplaint = "email_complaint";
    /// <summary>A campaign email that failed for good; <c>engagement_data</c> holds the error.</summary>
    public const string EmailFailed = "email_failed";
    /// <summary>A campaign email not sent on purpose (consent withdrawn, frequency cap, …); <c>engagement_data</c> holds the reason.</summary>
    public const string EmailSkipped = "email_skipped";
    public const string EmailOpen = "email_open";
    public const string EmailClick = "email_click";
    public const string EmailUnsubscribe = "email_unsubscribe";
    public const string SmsSent = "sms_sent";
    public const string SmsFailed = "sms_failed";
    public const string SmsSkipped = "sms_skipped";
    public const string SmsClick = "sms_click";
    public const string SmsUnsubscribe = "sms_unsubscribe";
    public const string DiscountRedeemed = "discount_redeemed";
}
