namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>Connects to the configured bounce mailbox (<see cref="MailKitBounceMailboxOpener"/>; tests substitute a store of their own).</summary>
public interface IBounceMailboxOpener
{
    Task<IBounceMailbox> OpenAsync(BounceMailboxOptions options, CancellationToken ct);
}
