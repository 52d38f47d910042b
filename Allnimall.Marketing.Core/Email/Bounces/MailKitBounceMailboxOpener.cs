using Allnimall.Marketing.Core.Email.Smtp;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Search;

namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>
/// The bounce mailbox over IMAP (unseen messages of the folder; processed ones are flagged \Seen, so people can still
/// read them) or POP3 (every message; processed ones are deleted, committed at QUIT).
/// </summary>
public sealed class MailKitBounceMailboxOpener : IBounceMailboxOpener
{
    public async Task<IBounceMailbox> OpenAsync(BounceMailboxOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tls = SmtpConnectionPool.SocketOptions(options.Tls);
        if (options.Protocol == BounceMailboxProtocol.Pop3)
        {
            var pop = new Pop3Client();
            await pop.ConnectAsync(options.Host!, options.Port, tls, ct);
            if (!string.IsNullOrEmpty(options.User)) await pop.AuthenticateAsync(options.User, options.Password ?? "", ct);
            return new Pop3Mailbox(pop);
        }
        var imap = new ImapClient();
        await imap.ConnectAsync(options.Host!, options.Port, tls, ct);
        if (!string.IsNullOrEmpty(options.User)) await imap.AuthenticateAsync(options.User, options.Password ?? "", ct);
        var folder = await imap.GetFolderAsync(options.Mailbox, ct);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct);
        return new ImapMailbox(imap, folder);
    }

    private sealed class ImapMailbox(ImapClient client, IMailFolder folder) : IBounceMailbox
    {
        public async Task<IReadOnlyList<BounceMailboxMessage>> FetchNewAsync(int max, CancellationToken ct)
        {
            var uids = await folder.SearchAsync(SearchQuery.NotSeen, ct);
            var result = new List<BounceMailboxMessage>();
            foreach (var uid in uids.Take(max))
            {
                // Peek: GetMessage would not set \Seen by itself on every server, and we set it only once processed.
                result.Add(new(uid.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), await folder.GetMessageAsync(uid, ct)));
            }
            return result;
        }

        public async Task MarkProcessedAsync(IReadOnlyList<string> ids, CancellationToken ct)
        {
            if (ids.Count == 0) return;
            var uids = ids.Select(i => new UniqueId(uint.Parse(i, System.Globalization.CultureInfo.InvariantCulture))).ToList();
            await folder.AddFlagsAsync(uids, MessageFlags.Seen, silent: true, ct);
        }

        public async ValueTask DisposeAsync()
        {
            if (client.IsConnected) await client.DisconnectAsync(true);
            client.Dispose();
        }
    }

    private sealed class Pop3Mailbox(Pop3Client client) : IBounceMailbox
    {
        public async Task<IReadOnlyList<BounceMailboxMessage>> FetchNewAsync(int max, CancellationToken ct)
        {
            var count = Math.Min(await client.GetMessageCountAsync(ct), max);
            var result = new List<BounceMailboxMessage>(count);
            for (var i = 0; i < count; i++)
                result.Add(new(i.ToString(System.Globalization.CultureInfo.InvariantCulture), await client.GetMessageAsync(i, ct)));
            return result;
        }

        public async Task MarkProcessedAsync(IReadOnlyList<string> ids, CancellationToken ct)
        {
            if (ids.Count == 0) return;
            // Highest number first: RFC 1939 keeps numbers stable until QUIT, but some servers (smtp4dev among them)
            // renumber after each DELE, and deleting from the top is right for both.
            foreach (var index in ids.Select(i => int.Parse(i, System.Globalization.CultureInfo.InvariantCulture)).OrderDescending())
                await client.DeleteMessageAsync(index, ct);
        }

        public async ValueTask DisposeAsync()
        {
            // QUIT commits the deletions; a run that failed before marking anything deletes nothing.
            if (client.IsConnected) await client.DisconnectAsync(true);
            client.Dispose();
        }
    }
}
