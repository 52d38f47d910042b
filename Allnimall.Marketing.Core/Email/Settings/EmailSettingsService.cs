using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// Settings → Email: reads the effective settings, saves the non-secret ones (<see cref="EmailSettings"/>), checks a form
/// against every options validator before it can reach a send, tests the SMTP relay and the bounce mailbox, and sends a
/// test message through the configured transport.
/// </summary>
public sealed class EmailSettingsService(
    IDbContextFactory<MarketingDbContext> dbFactory, EmailSettingsStore store, EmailConnectionProbe probe,
    IOptionsMonitor<EmailOptions> email, IOptionsMonitor<DeliveryOptions> delivery,
    IOptionsFactory<EmailOptions> emailFactory, IOptionsFactory<DeliveryOptions> deliveryFactory, IChannelTransport transport)
{
    public const string TestSubject = "[Test] Email settings";
    private static readonly JsonSerializerOptions Json = EmailSettingsStore.JsonOptions;

    public async Task<EmailSettingsView> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EmailSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == EmailSettings.SingletonId, ct);
        var form = row is null ? FromOptions(email.CurrentValue, delivery.CurrentValue) : FromRow(row);
        return new(form, row is not null, row?.UpdatedAt, row?.UpdatedBy, Secrets(email.CurrentValue));
    }

    /// <summary>The sender identities staff may pick on a campaign (empty when none were saved).</summary>
    public IReadOnlyList<SenderIdentity> SenderIdentities() => store.SenderIdentities;

    public async Task<SaveResult<EmailSettingsView>> SaveAsync(EmailSettingsForm form, string? updatedBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = Check(form);
        if (errors.Count > 0) return SaveResult<EmailSettingsView>.Invalid(errors);
        var candidate = ToRow(form);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var row = await db.EmailSettings.SingleOrDefaultAsync(s => s.Id == EmailSettings.SingletonId, ct);
            if (row is null) db.EmailSettings.Add(row = candidate);
            else db.Entry(row).CurrentValues.SetValues(candidate);
            row.UpdatedBy = updatedBy;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return SaveResult<EmailSettingsView>.Conflict("The email settings were saved by someone else at the same moment. Reload the page and try again.");
            }
        }
        await store.ReloadAsync(ct);
        return SaveResult<EmailSettingsView>.Ok(await GetAsync(ct));
    }

    /// <summary>Deletes the saved row: configuration alone applies again.</summary>
    public async Task ResetAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.EmailSettings.Where(s => s.Id == EmailSettings.SingletonId).ExecuteDeleteAsync(ct);
        await store.ReloadAsync(ct);
    }

    /// <summary>
    /// Connects (and logs in when a user is set) to the relay or the bounce mailbox: with <paramref name="form"/>'s unsaved
    /// values when given, else with the saved ones; secrets always from configuration.
    /// </summary>
    public async Task<SaveResult<ConnectionTestResult>> TestConnectionAsync(ConnectionTarget target, EmailSettingsForm? form, CancellationToken ct = default)
    {
        EmailOptions settings;
        if (form is null) settings = email.CurrentValue;
        else
        {
            var errors = Check(form);
            if (errors.Count > 0) return SaveResult<ConnectionTestResult>.Invalid(errors);
            settings = store.Try(ToRow(form), () => emailFactory.Create(Options.DefaultName));
        }
        if (target == ConnectionTarget.Smtp && string.IsNullOrWhiteSpace(settings.Smtp.Host))
            return SaveResult<ConnectionTestResult>.Invalid(nameof(EmailSettingsForm.SmtpHost), "Enter the SMTP host to test.");
        if (target == ConnectionTarget.BounceMailbox && string.IsNullOrWhiteSpace(settings.Bounces.Host))
            return SaveResult<ConnectionTestResult>.Invalid(nameof(EmailSettingsForm.BounceHost), "Enter the bounce mailbox's host to test.");
        var result = target == ConnectionTarget.Smtp
            ? await probe.SmtpAsync(settings.Smtp, ct)
            : await probe.BounceMailboxAsync(settings.Bounces, ct);
        return SaveResult<ConnectionTestResult>.Ok(result);
    }

    /// <summary>One message to <paramref name="recipient"/> through the configured transport, reporting what it answered.</summary>
    public async Task<SaveResult<SettingsTestSendResult>> SendTestAsync(string? recipient, CancellationToken ct = default)
    {
        if (RecipientAddress.Email(recipient) is not { } address)
            return SaveResult<SettingsTestSendResult>.Invalid("Recipient", "Enter one email address, like name@example.com.");
        var settings = email.CurrentValue;
        var shop = delivery.CurrentValue;
        var body = $"<p>This test was sent from Settings → Email of {WebUtility.HtmlEncode(shop.StoreName)} through the "
            + $"{settings.Transport.ToString().ToLowerInvariant()} transport.</p>"
            + (string.IsNullOrWhiteSpace(shop.StoreAddress) ? "" : $"<p>{WebUtility.HtmlEncode(shop.StoreAddress)}</p>");
        var message = new OutgoingMessage(Guid.CreateVersion7(), DeliveryChannel.Email, address, TestSubject, body, IsTest: true);
        TransportResult result;
        try
        {
            result = await transport.SendAsync(message, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Staff need the exact failure (an unknown outcome, a refused connection), not an error page.
            return SaveResult<SettingsTestSendResult>.Ok(new(address, settings.Transport, false, e.Message));
        }
        return SaveResult<SettingsTestSendResult>.Ok(result switch
        {
            TransportResult.Sent sent => new(address, settings.Transport, true, $"Accepted, message id {sent.ProviderMessageId}"),
            TransportResult.TransientFailure f => new(address, settings.Transport, false, f.Error),
            TransportResult.PermanentFailure f => new(address, settings.Transport, false, f.Error),
            TransportResult.Throttled f => new(address, settings.Transport, false, f.Error),
            _ => new(address, settings.Transport, false, result.ToString()),
        });
    }

    /// <summary>Field rules, then the rules that depend on configuration, then every registered options validator.</summary>
    private Dictionary<string, string[]> Check(EmailSettingsForm form)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        var errors = new Dictionary<string, List<string>>();
        foreach (var result in results)
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
                Add(errors, member, result.ErrorMessage ?? "Invalid value.");
        if (errors.Count > 0) return Freeze(errors);

        if (!string.IsNullOrWhiteSpace(form.StoreUrl)
            && !(Uri.TryCreate(form.StoreUrl.Trim(), UriKind.Absolute, out var site) && site.Scheme is "https" or "http" && site.Host.Length > 0))
            Add(errors, nameof(EmailSettingsForm.StoreUrl), "Enter the store's website as a full address, like https://shop.example.com.");
        var configured = email.CurrentValue.Dkim;
        if (!string.IsNullOrWhiteSpace(form.DkimDomain)
            && string.IsNullOrWhiteSpace(configured.PrivateKeyPem) && string.IsNullOrWhiteSpace(configured.PrivateKeyPath))
            Add(errors, nameof(EmailSettingsForm.DkimDomain),
                "Signing needs the private key: set Email__Dkim__PrivateKeyPem (or Email__Dkim__PrivateKeyPath) in the environment first.");
        if (errors.Count > 0) return Freeze(errors);

        try
        {
            store.Try(ToRow(form), () => (emailFactory.Create(Options.DefaultName), deliveryFactory.Create(Options.DefaultName)));
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures) Add(errors, FieldOf(failure), failure);
        }
        return Freeze(errors);
    }

    /// <summary>The form field an options validator's message is about (they name their configuration section).</summary>
    private static string FieldOf(string failure) => failure switch
    {
        _ when failure.Contains("Email:Dkim", StringComparison.Ordinal) => nameof(EmailSettingsForm.DkimDomain),
        _ when failure.Contains("Email:Smtp", StringComparison.Ordinal) => nameof(EmailSettingsForm.SmtpHost),
        _ when failure.Contains("Email:Bounces", StringComparison.Ordinal) => nameof(EmailSettingsForm.BouncePort),
        _ when failure.Contains("Email:From", StringComparison.Ordinal) => nameof(EmailSettingsForm.FromAddress),
        _ when failure.Contains("Delivery", StringComparison.Ordinal) => nameof(EmailSettingsForm.SmtpMessagesPerSecond),
        _ => "",
    };

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }

    private static Dictionary<string, string[]> Freeze(Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    private static IReadOnlyList<SecretSetting> Secrets(EmailOptions options) =>
    [
        new("SMTP password", !string.IsNullOrEmpty(options.Smtp.Password), "Email__Smtp__Password"),
        new("DKIM private key", !string.IsNullOrWhiteSpace(options.Dkim.PrivateKeyPem) || !string.IsNullOrWhiteSpace(options.Dkim.PrivateKeyPath),
            "Email__Dkim__PrivateKeyPem (or Email__Dkim__PrivateKeyPath)"),
        new("Bounce mailbox password", !string.IsNullOrEmpty(options.Bounces.Password), "Email__Bounces__Password"),
    ];

    private static EmailSettingsForm FromOptions(EmailOptions e, DeliveryOptions d) => new()
    {
        Transport = e.Transport, FromAddress = e.From, FromName = e.FromName,
        SmtpHost = e.Smtp.Host, SmtpPort = e.Smtp.Port, SmtpTls = e.Smtp.Tls, SmtpUser = e.Smtp.User, SmtpMessagesPerSecond = e.Smtp.MessagesPerSecond,
        StoreName = d.StoreName, StoreAddress = d.StoreAddress, StoreUrl = d.StoreUrl, DkimDomain = e.Dkim.Domain, DkimSelector = e.Dkim.Selector,
        BounceProtocol = e.Bounces.Protocol, BounceHost = e.Bounces.Host, BouncePort = e.Bounces.Port, BounceTls = e.Bounces.Tls, BounceUser = e.Bounces.User,
    };

    private static EmailSettingsForm FromRow(EmailSettings row) => new()
    {
        Transport = row.Transport, FromAddress = row.FromAddress, FromName = row.FromName,
        SenderIdentities = Senders(row.SenderIdentities).Select(s => new SenderIdentityForm { Name = s.Name, Address = s.Address }).ToList(),
        SmtpHost = row.SmtpHost, SmtpPort = row.SmtpPort, SmtpTls = row.SmtpTls, SmtpUser = row.SmtpUser, SmtpMessagesPerSecond = row.SmtpMessagesPerSecond,
        StoreName = row.StoreName, StoreAddress = row.StoreAddress, StoreUrl = row.StoreUrl, DkimDomain = row.DkimDomain, DkimSelector = row.DkimSelector,
        BounceProtocol = row.BounceProtocol, BounceHost = row.BounceHost, BouncePort = row.BouncePort, BounceTls = row.BounceTls, BounceUser = row.BounceUser,
    };

    private static EmailSettings ToRow(EmailSettingsForm form) => new()
    {
        Transport = form.Transport, FromAddress = form.FromAddress!.Trim(), FromName = Blank(form.FromName),
        SenderIdentities = JsonSerializer.Serialize(form.SenderIdentities.Select(s => new SenderIdentity(s.Name!.Trim(), s.Address!.Trim())).ToList(), Json),
        SmtpHost = Blank(form.SmtpHost), SmtpPort = form.SmtpPort, SmtpTls = form.SmtpTls, SmtpUser = Blank(form.SmtpUser),
        SmtpMessagesPerSecond = form.SmtpMessagesPerSecond, StoreName = form.StoreName!.Trim(), StoreAddress = Blank(form.StoreAddress),
        StoreUrl = Blank(form.StoreUrl)?.TrimEnd('/'),
        DkimDomain = Blank(form.DkimDomain), DkimSelector = Blank(form.DkimSelector),
        BounceProtocol = form.BounceProtocol, BounceHost = Blank(form.BounceHost), BouncePort = form.BouncePort, BounceTls = form.BounceTls,
        BounceUser = Blank(form.BounceUser),
    };

    private static IReadOnlyList<SenderIdentity> Senders(string json) =>
        JsonSerializer.Deserialize<List<SenderIdentity>>(json, Json) ?? [];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
