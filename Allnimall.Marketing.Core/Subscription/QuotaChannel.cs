namespace Allnimall.Marketing.Core.Subscription;

/// <summary>A channel whose monthly sends count against the add-on's quota.</summary>
public enum QuotaChannel { Email, Sms }
