namespace Allnimall.Marketing.Core.Newsletters;

/// <summary>Pending: asked to subscribe, confirmation link not followed yet. Only subscribed addresses get issues.</summary>
public enum NewsletterSubscriptionStatus { Pending, Subscribed, Unsubscribed }
