using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Core.Campaigns;

public sealed record CampaignGridQuery : GridQuery
{
    public CampaignStatus? Status { get; init; }
    public CampaignType? Type { get; init; }
}

public static class CampaignSortKeys
{
    public const string Name = "name";
    public const string Status = "status";
    public const string Type = "type";
    public const string StartDate = "start_date";
    public const string Created = "created";

    public static readonly IReadOnlyList<string> All = [Name, Status, Type, StartDate, Created];
}

/// <summary>A grid row with its performance summary, counted from the campaign's deliveries.</summary>
/// <summary>
/// A row of the campaign list. Recipients, sent and failed count this campaign's delivery rows; reported sent, opens and
/// clicks are the daily rollups (<c>campaign_performance</c>), which also hold the results of campaigns sent before
/// their deliveries were kept here (the demo store's history). Opens and clicks are human ones.
/// </summary>
public sealed record CampaignListItem(Guid Id, string Name, CampaignType Type, CampaignStatus Status, DateTime? StartDate,
    DateTime? EndDate, int Recipients, int Sent, int Failed, DateTime CreatedAt, int ReportedSent = 0, int Opens = 0, int Clicks = 0);

/// <summary>An email campaign's content; <see cref="Blocks"/> is the block document in blocks mode.</summary>
public sealed record CampaignEmailView(string Subject, string Content, string? SenderName, string? SenderEmail,
    Email.Content.EmailEditorMode EditorMode = Email.Content.EmailEditorMode.Html, Email.Content.EmailDocument? Blocks = null, string? Preheader = null);

public sealed record CampaignSmsView(string Message, string? SenderName);

public sealed record CampaignSocialView(IReadOnlyList<SocialPlatform> Platforms, string Content);

public sealed record DeliveryStatusCount(DeliveryStatus Status, int Count);

/// <summary>One history step; <see cref="UserDisplayName"/> and <see cref="UserEmail"/> are null when the system acted or the account is gone.</summary>
public sealed record CampaignHistoryEntry(CampaignAction Action, CampaignStatus? FromStatus, CampaignStatus? ToStatus, string? UserId,
    string? UserEmail, DateTime At, string? UserDisplayName = null);

public sealed record CampaignDetailView(Guid Id, string Name, string? Description, CampaignType Type, CampaignStatus Status,
    DateTime? StartDate, DateTime? EndDate, CampaignAudience Audience, CampaignEmailView? Email, CampaignSmsView? Sms,
    CampaignSocialView? Social, int Recipients, IReadOnlyList<DeliveryStatusCount> Deliveries, IReadOnlyList<CampaignHistoryEntry> History,
    string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, Guid Version, Guid? PromoDiscountId = null);

/// <summary>A page of one campaign's deliveries; <see cref="GridQuery.Search"/> matches the customer's name.</summary>
public sealed record CampaignDeliveryQuery : GridQuery
{
    public DeliveryStatus? Status { get; init; }
}

public sealed record CampaignDeliveryRow(Guid Id, Guid? CustomerId, string? CustomerName, DeliveryChannel Channel, DeliveryStatus Status,
    int Attempts, string? LastError, string? SkipReason, DateTime CreatedAt, DateTime? SentAt);

/// <summary>A discount an email or SMS campaign can hand out unique codes of.</summary>
public sealed record PromoDiscountOption(Guid Id, string Name);
