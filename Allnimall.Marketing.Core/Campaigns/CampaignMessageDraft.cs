namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// A campaign's message as it is being edited (saved or not): what a preview or a test send renders.
/// <see cref="Subject"/> is null for SMS.
/// </summary>
public sealed record CampaignMessageDraft(CampaignType Type, string CampaignName, string? Subject, string? Body,
    string? SenderName = null, string? SenderEmail = null)
{
    /// <summary>Email and SMS go to one customer at a time; social posts and discounts have no per-customer message.</summary>
    public DeliveryChannel? Channel => Type switch
    {
        CampaignType.Email => DeliveryChannel.Email,
        CampaignType.Sms => DeliveryChannel.Sms,
        _ => null,
    };

    public static CampaignMessageDraft From(CampaignForm form) => form.Type == CampaignType.Sms
        ? new(form.Type, form.Name, null, form.SmsMessage, form.SenderName)
        : new(form.Type, form.Name, form.EmailSubject, form.Type == CampaignType.Social ? form.SocialContent : form.EmailContent,
            form.SenderName, form.SenderEmail);

    public static CampaignMessageDraft From(CampaignDetailView campaign) => campaign.Type switch
    {
        CampaignType.Sms => new(campaign.Type, campaign.Name, null, campaign.Sms?.Message, campaign.Sms?.SenderName),
        CampaignType.Social => new(campaign.Type, campaign.Name, null, campaign.Social?.Content),
        _ => new(campaign.Type, campaign.Name, campaign.Email?.Subject, campaign.Email?.Content, campaign.Email?.SenderName, campaign.Email?.SenderEmail),
    };
}
