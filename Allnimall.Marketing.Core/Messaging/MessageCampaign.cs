namespace Allnimall.Marketing.Core.Messaging;

/// <summary>The campaign as templates see it (<c>campaign.name</c>).</summary>
public sealed record MessageCampaign(string Name);
