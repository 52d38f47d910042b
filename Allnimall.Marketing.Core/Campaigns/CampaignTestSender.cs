using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Messaging;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// "Send test": the campaign's message rendered for a sample customer (exactly as a real send renders it), subject
/// prefixed "[Test]", handed to the current <see cref="IChannelTransport"/> for one address typed by staff. Nothing is
/// recorded against the campaign: no delivery row, no engagement, nothing that counts toward a frequency cap.
/// </summary>
public sealed class CampaignTestSender(CampaignService campaigns, CampaignPreviewService previews, CampaignMessageRenderer renderer,
    IChannelTransport transport)
{
    public const string TestPrefix = "[Test] ";

    /// <summary>The stored campaign's message; not found when the campaign does not exist.</summary>
    public async Task<SaveResult<TestSendResult>> SendAsync(Guid campaignId, string? recipient, Guid? sampleCustomerId, CancellationToken ct = default)
    {
        var campaign = await campaigns.GetAsync(campaignId, ct);
        if (campaign is null) return SaveResult<TestSendResult>.NotFound();
        return await SendAsync(CampaignMessageDraft.From(campaign), campaign.Audience, recipient, sampleCustomerId, ct);
    }

    /// <summary>
    /// A draft's message (the form's unsaved content). Without <paramref name="sampleCustomerId"/> the sample is the
    /// audience's first reachable customer, or a placeholder customer when there is none.
    /// </summary>
    public async Task<SaveResult<TestSendResult>> SendAsync(CampaignMessageDraft draft, CampaignAudience audience, string? recipient,
        Guid? sampleCustomerId, CancellationToken ct = default)
    {
        if (draft.Channel is not { } channel)
            return SaveResult<TestSendResult>.Invalid("type", "Only email and SMS campaigns can send a test message.");
        var address = channel == DeliveryChannel.Email ? RecipientAddress.Email(recipient) : RecipientAddress.Phone(recipient);
        if (address is null)
            return SaveResult<TestSendResult>.Invalid("recipient", channel == DeliveryChannel.Email
                ? "Enter one email address, like name@example.com."
                : "Enter a phone number in international form, like +6281234567890.");

        var (customer, customerName) = await SampleAsync(audience, channel, sampleCustomerId, ct);
        if (customer is null) return SaveResult<TestSendResult>.Invalid("sample_customer_id", "No customer has this id.");
        var rendered = await renderer.RenderAsync(draft, customer, ct);
        if (!rendered.Succeeded)
            return SaveResult<TestSendResult>.Invalid(channel == DeliveryChannel.Email ? "email_content" : "sms_message", rendered.Error!);

        var subject = channel == DeliveryChannel.Email ? TestPrefix + rendered.Subject : null;
        var message = new OutgoingMessage(Guid.CreateVersion7(), channel, address, subject, rendered.Body,
            Blank(draft.SenderName), Blank(draft.SenderEmail), IsTest: true);
        TransportResult result;
        try
        {
            result = await transport.SendAsync(message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return SaveResult<TestSendResult>.Invalid("recipient", $"The test could not be sent: {e.Message}");
        }
        return result switch
        {
            TransportResult.Sent sent => SaveResult<TestSendResult>.Ok(new(channel, address, subject, customerName, sent.ProviderMessageId)),
            TransportResult.TransientFailure f => SaveResult<TestSendResult>.Invalid("recipient", $"The test was not sent (try again): {f.Error}"),
            TransportResult.PermanentFailure f => SaveResult<TestSendResult>.Invalid("recipient", $"The test was not sent: {f.Error}"),
            _ => throw new InvalidOperationException($"Unexpected transport result {result}."),
        };
    }

    private async Task<(MessageCustomer? Customer, string Name)> SampleAsync(CampaignAudience audience, DeliveryChannel channel, Guid? id, CancellationToken ct)
    {
        if (id is { } chosen)
        {
            var customer = await previews.MessageCustomerAsync(chosen, ct);
            return (customer, customer?.FullName ?? "");
        }
        var first = (await previews.SampleCustomersAsync(audience, channel, null, includePii: false, ct)).FirstOrDefault();
        if (first is not null && await previews.MessageCustomerAsync(first.Id, ct) is { } reachable) return (reachable, first.Name);
        return (CampaignMessageRenderer.PlaceholderCustomer, $"{CampaignMessageRenderer.PlaceholderCustomer.FullName} (sample)");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
