namespace Allnimall.Marketing.Core.Campaigns.Templates;

/// <summary>"Save as template": which campaign, and the template's name and description.</summary>
public sealed record SaveAsTemplateForm(Guid CampaignId, string? Name, string? Description);
