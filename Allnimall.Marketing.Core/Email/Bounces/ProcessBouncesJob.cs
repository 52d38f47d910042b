using Coravel.Invocable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>
/// Scheduled every <see cref="BounceMailboxOptions.IntervalMinutes"/> when Email:Bounces:Host is set: reads the bounce
/// mailbox's new messages, parses the DSNs and complaints, applies them in one transaction and only then marks the
/// messages processed — a crash in between means they are read again, which the processor ignores the second time.
/// After complaints it checks the complaint rate (<see cref="ComplaintRateGuard"/>).
/// </summary>
public sealed class ProcessBouncesJob(IBounceMailboxOpener opener, BounceProcessor processor, ComplaintRateGuard complaints,
    IOptionsMonitor<EmailOptions> options, ILogger<ProcessBouncesJob> logger) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke() => await RunAsync(CancellationToken);

    public async Task<BounceOutcome> RunAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (!settings.Bounces.Enabled) return new(0, 0, 0);
        await using var mailbox = await opener.OpenAsync(settings.Bounces, ct);
        var messages = await mailbox.FetchNewAsync(settings.Bounces.MaxMessagesPerRun, ct);
        if (messages.Count == 0) return new(0, 0, 0);
        var reports = messages.Select(m => BounceParser.Parse(m.Message, settings.ReturnPathLocalPart)).OfType<BounceReport>().ToList();
        var outcome = await processor.ApplyAsync(reports, ct);
        await mailbox.MarkProcessedAsync(messages.Select(m => m.Id).ToList(), ct);
        if (reports.Any(r => r.Kind == BounceKind.Complaint))
        {
            var (rate, paused) = await complaints.EnforceAsync(ct);
            if (rate.Level != ComplaintRateLevel.Normal)
                logger.LogWarning("Complaint rate {Rate:P2} over 24 h ({Complaints} of {Sent}): {Level}; {Paused} email campaigns paused",
                    rate.Rate, rate.Complaints, rate.Sent, rate.Level, paused);
        }
        logger.LogInformation("Bounce mailbox: {Messages} messages, {Applied} bounces/complaints applied, {Ignored} ignored, {Suppressed} addresses suppressed",
            messages.Count, outcome.Applied, outcome.Ignored + messages.Count - reports.Count, outcome.Suppressed);
        return outcome;
    }
}
