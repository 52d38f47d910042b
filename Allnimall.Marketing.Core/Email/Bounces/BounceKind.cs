namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>
/// <see cref="Hard"/>: permanent (5.x.x, except mailbox full); <see cref="Soft"/>: the remote gave up on a temporary
/// condition (4.x.x, 5.2.2); <see cref="Complaint"/>: an RFC 5965 abuse report.
/// </summary>
public enum BounceKind { Hard, Soft, Complaint }
