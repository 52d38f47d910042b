namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>A test message the transport accepted: to whom, rendered for which customer, and the provider's id for it.</summary>
public sealed record TestSendResult(DeliveryChannel Channel, string Recipient, string? Subject, string SampleCustomerName, string ProviderMessageId);
