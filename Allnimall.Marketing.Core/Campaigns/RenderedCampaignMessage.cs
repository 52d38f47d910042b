using Allnimall.Marketing.Core.Messaging;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// A campaign message rendered for one customer, or the reason it could not be (<see cref="Error"/>; then
/// <see cref="Body"/> is empty). <see cref="Format"/> says whether the body is an HTML document or plain text.
/// </summary>
public sealed record RenderedCampaignMessage(string? Subject, string Body, MessageFormat Format, string? Error)
{
    public bool Succeeded => Error is null;
}
