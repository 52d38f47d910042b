using Allnimall.Marketing.Core.Email.Bounces;
using MimeKit;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>
/// A bounce mailbox kept as raw RFC 5322 bytes (each fetch parses them again, as a server download would), with the
/// IMAP behaviour: fetch returns unprocessed messages, marking processed hides them from later fetches.
/// </summary>
public sealed class InMemoryBounceMailbox : IBounceMailboxOpener
{
    private readonly List<(string Id, byte[] Raw)> messages = [];
    private readonly HashSet<string> processed = [];

    public int Opened { get; private set; }

    public IReadOnlyCollection<string> Processed => processed;

    public void Deliver(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        messages.Add(((messages.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), stream.ToArray()));
    }

    /// <summary>Forgets that messages were processed (a crash before the flags were written).</summary>
    public void Unmark() => processed.Clear();

    public Task<IBounceMailbox> OpenAsync(BounceMailboxOptions options, CancellationToken ct)
    {
        Opened++;
        return Task.FromResult<IBounceMailbox>(new Session(this));
    }

    private sealed class Session(InMemoryBounceMailbox store) : IBounceMailbox
    {
        public Task<IReadOnlyList<BounceMailboxMessage>> FetchNewAsync(int max, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<BounceMailboxMessage>>(store.messages.Where(m => !store.processed.Contains(m.Id)).Take(max)
                .Select(m => new BounceMailboxMessage(m.Id, MimeMessage.Load(new MemoryStream(m.Raw)))).ToList());

        public Task MarkProcessedAsync(IReadOnlyList<string> ids, CancellationToken ct)
        {
            store.processed.UnionWith(ids);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
