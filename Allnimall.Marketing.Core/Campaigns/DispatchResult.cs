namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// What one <see cref="DeliveryDispatcher.RunOnceAsync"/> batch did. <see cref="Claimed"/> includes the deliveries
/// skipped at send time (<see cref="Skipped"/>) and those deferred because their channel is throttled (<see cref="Deferred"/>).
/// </summary>
public sealed record DispatchResult(int Claimed, int Sent, int Retrying, int Failed, int Unknown, int Skipped = 0, int Deferred = 0);
