namespace Allnimall.Marketing.Core.Campaigns.Templates;

/// <summary>A template as the picker and the API show it.</summary>
public sealed record CampaignTemplateView(Guid Id, string? Key, string Name, string? Description, CampaignType Type, string? Subject,
    string? EmailContent, string? SmsMessage, string? SocialContent, IReadOnlyList<SocialPlatform> SocialPlatforms,
    IReadOnlyList<string> IncludeSegmentNames, IReadOnlyList<string> ExcludeSegmentNames, bool IsBuiltin, string? CreatedBy,
    DateTime CreatedAt, DateTime UpdatedAt, Email.Content.EmailDocument? EmailBlocks = null);
