namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>What one run of the bounce processor did: reports applied, ignored (unknown or forged delivery, read before) and addresses suppressed.</summary>
public sealed record BounceOutcome(int Applied, int Ignored, int Suppressed);
