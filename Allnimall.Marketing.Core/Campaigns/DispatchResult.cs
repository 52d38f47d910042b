namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>What one <see cref="DeliveryDispatcher.RunOnceAsync"/> batch did.</summary>
public sealed record DispatchResult(int Claimed, int Sent, int Retrying, int Failed, int Unknown);
