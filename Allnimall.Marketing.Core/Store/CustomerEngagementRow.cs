namespace Allnimall.Marketing.Core.Store;

/// <summary>Something the customer was sent or did in response (from <c>customer_engagement</c>).</summary>
public sealed record CustomerEngagementRow(DateTime At, string Type, Guid? CampaignId, string? CampaignName);
