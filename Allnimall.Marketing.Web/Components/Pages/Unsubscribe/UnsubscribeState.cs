namespace Allnimall.Marketing.Web.Components.Pages.Unsubscribe;

/// <summary>What the unsubscribe page shows: the confirmation form, the outcome, or an unusable link.</summary>
public enum UnsubscribeState { Confirm, Unsubscribed, Kept, Invalid }
