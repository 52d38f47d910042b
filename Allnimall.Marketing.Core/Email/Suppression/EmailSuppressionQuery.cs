using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Core.Email.Suppression;

/// <summary>A page of the suppression list; <see cref="Reason"/> narrows it to one reason.</summary>
public sealed record EmailSuppressionQuery : GridQuery
{
    public EmailSuppressionReason? Reason { get; init; }
}
