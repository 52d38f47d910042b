namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>What <see cref="CampaignLauncher.LaunchAsync"/> did; <see cref="Queued"/> deliveries were created by this call.</summary>
public sealed record LaunchResult(LaunchOutcome Outcome, int Queued = 0, string? Reason = null);

public enum LaunchOutcome { Launched, AlreadyLaunched, NotLaunchable, NotFound }
