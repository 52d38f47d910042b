using Allnimall.Marketing.Core.Campaigns;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>One stored message in full, as the transport received it (rendered, personalised content).</summary>
public sealed record OutboxMessageView(Guid Id, DeliveryChannel Channel, string Recipient, string? Subject, string Body,
    Guid? CampaignId, string? CampaignName, DateTime CreatedAt);
