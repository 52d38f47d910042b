namespace Allnimall.Marketing.Core.Email.Suppression;

public sealed record EmailSuppressionItem(Guid Id, string Email, EmailSuppressionReason Reason, string? Source, DateTime CreatedAt);
