using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;

namespace Allnimall.Marketing.Web.Components.Pages.Campaigns;

/// <summary>How campaign enums read: the API's snake_case value for attributes and test ids, a title for people.</summary>
public static class CampaignLabels
{
    public static string Of<T>(T value) where T : struct, Enum => SnakeCaseEnumConverter<T>.ToDbValue(value);

    public static string Title(CampaignType type) => type switch
    {
        CampaignType.Sms => "SMS",
        _ => type.ToString(),
    };

    public static string Title(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => "SMS",
        _ => channel.ToString(),
    };

    public static string Title<T>(T value) where T : struct, Enum
    {
        var words = Of(value).Replace('_', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    public static string Title(CampaignAction action) => action switch
    {
        CampaignAction.ResentUnknown => "Resent unknown deliveries",
        _ => Title<CampaignAction>(action),
    };
}
