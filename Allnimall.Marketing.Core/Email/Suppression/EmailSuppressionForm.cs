namespace Allnimall.Marketing.Core.Email.Suppression;

/// <summary>A manual addition by staff (API body and the page's dialog). <see cref="Reason"/> defaults to manual.</summary>
public sealed record EmailSuppressionForm(string? Email, EmailSuppressionReason? Reason = null, string? Note = null);
