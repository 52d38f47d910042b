namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>A customer a preview can be rendered for; <see cref="Contact"/> is masked unless the viewer may see PII.</summary>
public sealed record SampleCustomer(Guid Id, string Name, string? Contact, bool InAudience);
