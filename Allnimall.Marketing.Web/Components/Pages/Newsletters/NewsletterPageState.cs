namespace Allnimall.Marketing.Web.Components.Pages.Newsletters;

/// <summary>What the public newsletter page shows: the sign-up form, "check your inbox", the confirmed subscription, or a bad link or list.</summary>
public enum NewsletterPageState { Form, CheckInbox, Confirmed, InvalidLink, NotFound }
