namespace Allnimall.Marketing.Web.Components.Pages.Unsubscribe;

/// <summary>
/// What the unsubscribe page shows: the confirmation form, the outcome, or an unusable link. <c>LeftNewsletter</c>: a
/// newsletter issue's recipient left that list and still gets other marketing email (and may stop it too).
/// </summary>
public enum UnsubscribeState { Confirm, Unsubscribed, Kept, Invalid, LeftNewsletter }
