namespace Allnimall.Marketing.Core.Tracking;

/// <summary>How a customer unsubscribed, stored as the consent source and in the <c>email_unsubscribe</c> row.</summary>
public static class UnsubscribeSources
{
    /// <summary>The mailbox provider's RFC 8058 one-click POST (List-Unsubscribe-Post).</summary>
    public const string OneClick = "unsubscribe: one-click (List-Unsubscribe-Post)";
    /// <summary>The customer confirmed on the preference page.</summary>
    public const string PreferencePage = "unsubscribe: preference page";
}
