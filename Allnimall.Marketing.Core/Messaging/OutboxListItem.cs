using Allnimall.Marketing.Core.Campaigns;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// An outbox row for the grid: <see cref="Summary"/> is the subject, or the first line of the text when there is no
/// subject (SMS). <see cref="CampaignId"/> is null for a message that belongs to no campaign delivery.
/// </summary>
public sealed record OutboxListItem(Guid Id, DeliveryChannel Channel, string Recipient, string Summary, Guid? CampaignId,
    string? CampaignName, DateTime CreatedAt);
