namespace Allnimall.Marketing.Core.Campaigns.Templates;

/// <summary>
/// A new campaign's form filled from a template: content, type and the suggested segments that exist in this store.
/// <see cref="MissingSegments"/> names suggested segments the store does not have, so the form can say so.
/// </summary>
public sealed record CampaignTemplatePrefill(CampaignTemplateView Template, CampaignForm Form, IReadOnlyList<string> MissingSegments);
