namespace Allnimall.Marketing.Core.Messaging;

/// <summary>A campaign that has messages in the outbox: the choices of the outbox's campaign filter.</summary>
public sealed record OutboxCampaign(Guid Id, string Name);
