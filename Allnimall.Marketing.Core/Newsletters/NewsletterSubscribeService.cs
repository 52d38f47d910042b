using System.Net;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Newsletters;

/// <summary>
/// The public side of newsletters, double opt-in: a sign-up makes (or renews) a pending subscription and sends a
/// confirmation email with a signed link (<see cref="TrackingTokenSigner"/>, kind
/// <see cref="TrackingTokenKind.NewsletterConfirm"/>, valid <see cref="ConfirmLinkLifetime"/>); following the link
/// subscribes the address and records when and from where. The caller's answer is the same whether the address was
/// new, pending or subscribed already (no enumeration): an already subscribed address gets no email, a pending one at
/// most one email per <see cref="ResendInterval"/> (no mail bombing through the form). A list without double opt-in
/// subscribes at once, except an address on the suppression list, which always has to confirm.
/// The confirmation is a transactional message: it goes straight to the configured email transport (outbox or SMTP),
/// without tracking or an unsubscribe link, and carries no delivery (<see cref="OutgoingMessage.IsTest"/>).
/// </summary>
public sealed class NewsletterSubscribeService(
    IDbContextFactory<MarketingDbContext> dbFactory,
    TimeProvider clock,
    TrackingTokenSigner signer,
    ChannelTransportRouter transports,
    IOptions<EmailTrackingOptions> tracking,
    IOptions<DeliveryOptions> store,
    ILogger<NewsletterSubscribeService> logger)
{
    public const string PublicFormSource = "public form";
    public static readonly TimeSpan ConfirmLinkLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(10);

    public async Task<NewsletterPublicList?> PublicListAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NewsletterLists.AsNoTracking().Where(l => l.Slug == slug)
            .Select(l => new NewsletterPublicList(l.Name, l.Description, l.Slug)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Ok (the same for every valid address), field errors for a bad address or name, not found for an unknown list.
    /// </summary>
    public async Task<SaveResult<NewsletterPublicList>> SubscribeAsync(string slug, NewsletterSignup signup, string source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(signup);
        var errors = new Dictionary<string, string[]>();
        var address = RecipientAddress.Email(signup.Email);
        if (address is null) errors["email"] = ["Enter one email address, like name@example.com."];
        if (signup.Name is { Length: > NewsletterService.MaxSubscriberNameLength })
            errors["name"] = [$"The name is limited to {NewsletterService.MaxSubscriberNameLength} characters."];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.NewsletterLists.AsNoTracking().Where(l => l.Slug == slug)
            .Select(l => new { l.Id, l.Name, l.Description, l.Slug, l.DoubleOptIn }).SingleOrDefaultAsync(ct);
        if (list is null) return SaveResult<NewsletterPublicList>.NotFound();
        if (errors.Count > 0) return SaveResult<NewsletterPublicList>.Invalid(errors);
        var answer = SaveResult<NewsletterPublicList>.Ok(new(list.Name, list.Description, list.Slug));

        var email = EmailSuppressionService.Normalize(address!);
        var name = string.IsNullOrWhiteSpace(signup.Name) ? null : signup.Name.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var suppressed = await db.EmailSuppressions.AnyAsync(s => s.Email == email, ct);
        var confirmNeeded = list.DoubleOptIn || suppressed;
        var subscription = await db.NewsletterSubscriptions.SingleOrDefaultAsync(s => s.ListId == list.Id && s.Email == email, ct);
        if (subscription is { Status: NewsletterSubscriptionStatus.Subscribed }) return answer;
        if (subscription is { Status: NewsletterSubscriptionStatus.Pending } && now - subscription.RequestedAt < ResendInterval && confirmNeeded)
            return answer;
        if (subscription is null)
        {
            subscription = new NewsletterSubscription
            {
                ListId = list.Id, Email = email, Source = Truncate(source), CustomerId = await NewsletterService.CustomerIdAsync(db, email, ct),
                CreatedAt = now,
            };
            db.NewsletterSubscriptions.Add(subscription);
        }
        subscription.Name = name ?? subscription.Name;
        subscription.Source = Truncate(source);
        subscription.RequestedAt = now;
        subscription.UpdatedAt = now;
        subscription.Status = confirmNeeded ? NewsletterSubscriptionStatus.Pending : NewsletterSubscriptionStatus.Subscribed;
        subscription.ConfirmedAt = confirmNeeded ? null : now;
        subscription.UnsubscribedAt = null;
        subscription.UnsubscribeSource = null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Discounts.DbErrors.IsUniqueViolation(e))
        {
            return answer; // a concurrent sign-up of the same address made the row (and sends the email)
        }
        if (confirmNeeded) await SendConfirmationAsync(subscription.Id, email, list.Name, ct);
        return answer;
    }

    /// <summary>
    /// Follows a confirmation link: a valid, unexpired token of a pending subscription subscribes it (time, IP and user
    /// agent recorded); an already subscribed one is answered the same. Null, with nothing changed, for a tampered or
    /// expired token, or a subscription that is gone or was unsubscribed since.
    /// </summary>
    public async Task<NewsletterConfirmation?> ConfirmAsync(string token, string? ip, string? userAgent, CancellationToken ct = default)
    {
        if (signer.Verify(token, TrackingTokenKind.NewsletterConfirm) is not { } valid
            || clock.GetUtcNow() - valid.IssuedAt > ConfirmLinkLifetime) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var confirmed = await db.NewsletterSubscriptions
            .Where(s => s.Id == valid.DeliveryId && s.Status == NewsletterSubscriptionStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, NewsletterSubscriptionStatus.Subscribed)
                .SetProperty(x => x.ConfirmedAt, now)
                .SetProperty(x => x.ConfirmedIp, Limit(ip, 45))
                .SetProperty(x => x.ConfirmedUserAgent, Limit(userAgent, 500))
                .SetProperty(x => x.UpdatedAt, now), ct);
        var row = await db.NewsletterSubscriptions.AsNoTracking().Where(s => s.Id == valid.DeliveryId)
            .Select(s => new { s.Email, s.Status, ListName = db.NewsletterLists.Where(l => l.Id == s.ListId).Select(l => l.Name).Single() })
            .SingleOrDefaultAsync(ct);
        if (row is not { Status: NewsletterSubscriptionStatus.Subscribed }) return null;
        if (confirmed > 0)
        {
            // The person has just opted in again with a verified address: an earlier "unsubscribe" suppression no longer
            // stands. Bounces, complaints and staff suppressions stay (the issue still skips the address).
            await db.EmailSuppressions.Where(s => s.Email == row.Email && s.Reason == EmailSuppressionReason.Unsubscribed).ExecuteDeleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return new(row.ListName, PiiMask.Email(row.Email) ?? "");
    }

    /// <summary>The confirmation link for a subscription (also used by tests).</summary>
    public string ConfirmUrl(Guid subscriptionId) =>
        $"{tracking.Value.BaseUrl.TrimEnd('/')}/newsletters/confirm/{signer.Sign(subscriptionId, TrackingTokenKind.NewsletterConfirm)}";

    /// <summary>
    /// A failed send is logged, not shown: the answer must not differ by address, and the person can sign up again
    /// (after <see cref="ResendInterval"/>) for a new link.
    /// </summary>
    private async Task SendConfirmationAsync(Guid subscriptionId, string email, string listName, CancellationToken ct)
    {
        var url = ConfirmUrl(subscriptionId);
        var storeName = store.Value.StoreName;
        var body = $"""
            <!DOCTYPE html><html><body style="font-family:Arial,sans-serif;color:#263238">
            <p>Please confirm that you want to receive <strong>{WebUtility.HtmlEncode(listName)}</strong> from {WebUtility.HtmlEncode(storeName)}.</p>
            <p><a href="{WebUtility.HtmlEncode(url)}" style="display:inline-block;padding:10px 16px;background:#1565c0;color:#fff;text-decoration:none;border-radius:4px">Yes, subscribe me</a></p>
            <p style="color:#607d8b;font-size:13px">The link works for 7 days. If you did not ask for this, ignore this email: you will not be subscribed.</p>
            </body></html>
            """;
        var message = new OutgoingMessage(Guid.CreateVersion7(), DeliveryChannel.Email, email, $"Confirm your subscription to {listName}", body,
            IsTest: true);
        try
        {
            var result = await transports.For(DeliveryChannel.Email).SendAsync(message, ct);
            if (result is not TransportResult.Sent)
                logger.LogWarning("The newsletter confirmation for subscription {SubscriptionId} was not sent: {Result}", subscriptionId, result);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The newsletter confirmation for subscription {SubscriptionId} could not be sent", subscriptionId);
        }
    }

    private static string Truncate(string value) => value.Length <= 200 ? value : value[..200];

    private static string? Limit(string? value, int max) => string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
