using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Renders a campaign's message for one customer the way <see cref="DeliveryDispatcher"/> does for a real send: the same
/// <see cref="MessageModel"/> (customer, the store from <see cref="DeliveryOptions"/>, the campaign's name), the subject
/// as text, an email body as HTML (merge values HTML-encoded) and an SMS body as text. Previews and test sends use it,
/// so what staff see is what customers get.
/// </summary>
public sealed class CampaignMessageRenderer(MessageTemplateRenderer renderer, IOptionsMonitor<DeliveryOptions> options)
{
    /// <summary>Who a preview is rendered for when no real customer can be picked (an empty audience, an empty store).</summary>
    public static readonly MessageCustomer PlaceholderCustomer = new("Ani", "Lestari", "ani.lestari@example.com", "+6281234567890", "Jakarta", "DKI Jakarta", "Indonesia");

    /// <summary>What <c>{{ promo_code }}</c> shows in previews and test sends: real codes exist only per delivery, from the launch.</summary>
    public const string PreviewPromoCode = "PREVIEW-CODE";

    public MessageModel Model(MessageCustomer customer, string campaignName)
    {
        var store = options.CurrentValue;
        return new(customer, new MessageStore(store.StoreName, store.StoreUrl, store.StoreAddress), new MessageCampaign(campaignName),
            PreviewPromoCode);
    }

    public async Task<RenderedCampaignMessage> RenderAsync(CampaignMessageDraft draft, MessageCustomer customer, CancellationToken ct = default)
    {
        var format = draft.Channel == DeliveryChannel.Email ? MessageFormat.Html : MessageFormat.Text;
        if (draft.Channel is null)
            // A social post is the same for everyone and has no Liquid: shown as written.
            return new(null, draft.Body ?? "", MessageFormat.Text, null);
        if (string.IsNullOrWhiteSpace(draft.Body))
            return new(null, "", format, draft.Type == CampaignType.Email ? "Write the email's content to see it here." : "Write the message to see it here.");

        var model = Model(customer, draft.CampaignName);
        try
        {
            var subject = draft.Channel == DeliveryChannel.Email && draft.Subject is not null
                ? await renderer.RenderAsync(draft.Subject, model, MessageFormat.Text, ct)
                : null;
            var body = await renderer.RenderAsync(draft.Body, model, format, ct);
            return new(subject, body, format, null);
        }
        catch (TemplateRenderException e)
        {
            return new(null, "", format, e.Message);
        }
    }
}
