using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>A page of the outbox; <see cref="GridQuery.Search"/> matches recipient, subject and content.</summary>
public sealed record OutboxQuery : GridQuery
{
    public DeliveryChannel? Channel { get; init; }
    public Guid? CampaignId { get; init; }
}
