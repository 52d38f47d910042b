using MimeKit;

namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>An open bounce mailbox: the messages not processed yet, and a way to mark them processed so the next run skips them.</summary>
public interface IBounceMailbox : IAsyncDisposable
{
    Task<IReadOnlyList<BounceMailboxMessage>> FetchNewAsync(int max, CancellationToken ct);

    Task MarkProcessedAsync(IReadOnlyList<string> ids, CancellationToken ct);
}
