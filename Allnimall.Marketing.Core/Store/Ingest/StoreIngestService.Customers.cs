using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Store.Ingest;

public sealed partial class StoreIngestService
{
    /// <summary>
    /// Upserts customers. A consent flag that is given and differs from the stored one is recorded with its time (the
    /// row's, else now) and source (the row's, else <paramref name="consentSource"/>). Names are stored as given.
    /// </summary>
    public async Task<IngestResult> IngestCustomersAsync(
        IReadOnlyList<CustomerIngestRow?> rows, string consentSource, CancellationToken ct = default)
    {
        EnsureWithinLimit(rows);
        ArgumentException.ThrowIfNullOrWhiteSpace(consentSource);
        return await RetryOnConflictAsync(() => UpsertCustomersAsync(rows, consentSource, ct));
    }

    private async Task<IngestResult> UpsertCustomersAsync(
        IReadOnlyList<CustomerIngestRow?> rows, string consentSource, CancellationToken ct)
    {
        var now = Now;
        var batch = new IngestBatch<CustomerIngestRow>(rows, r => r.ExternalId, now);
        var drafts = new List<CustomerDraft>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) batch.Reject(i, "", NullRow);
            else if (ValidateCustomer(i, row, batch.Validator(i)) is { } draft) drafts.Add(draft);
        }
        drafts = batch.RejectDuplicates(drafts, d => d.Index, d => d.Profile.ExternalId);

        await using var db = await OpenAsync(ct);
        var existing = (await ExternalIds.LoadAsync(drafts.Select(d => d.Profile.ExternalId),
                (chunk, c) => db.Customers.Where(x => chunk.Contains(x.ExternalId)).ToListAsync(c), ct))
            .ToDictionary(x => x.ExternalId, StringComparer.Ordinal);

        var inserts = new List<Customer>();
        foreach (var draft in drafts)
        {
            var target = existing.GetValueOrDefault(draft.Profile.ExternalId);
            if (target is null) inserts.Add(draft.Profile);
            else CopyProfile(draft.Profile, target);
            ApplyConsentAndStatus(draft, target ?? draft.Profile, isNew: target is null, consentSource, now);
        }
        await SaveAsync(db, inserts, now, ct);
        return batch.Result(inserts.Count, drafts.Count - inserts.Count);
    }

    private static CustomerDraft? ValidateCustomer(int index, CustomerIngestRow row, RowValidator v)
    {
        var profile = new Customer
        {
            ExternalId = v.Text("external_id", row.ExternalId, FieldLimits.ExternalId, required: true) ?? "",
            FirstName = v.Text("first_name", row.FirstName, FieldLimits.FirstName, required: true) ?? "",
            LastName = v.Text("last_name", row.LastName, FieldLimits.LastName) ?? "",
            Email = v.Email("email", row.Email, FieldLimits.Email),
            Phone = v.Phone("phone", row.Phone, FieldLimits.Phone),
            BirthDate = v.BirthDate("birth_date", row.BirthDate),
            Gender = v.Enum<Gender>("gender", row.Gender) ?? Gender.Unknown,
            City = v.Text("city", row.City, FieldLimits.Place),
            Region = v.Text("region", row.Region, FieldLimits.Place),
            Country = v.Text("country", row.Country, FieldLimits.Place),
            IncomeBand = v.Enum<IncomeBand>("income_band", row.IncomeBand),
        };
        var email = new ConsentUpdate(row.EmailConsent, v.Time("email_consent_at", row.EmailConsentAt),
            v.Text("email_consent_source", row.EmailConsentSource, FieldLimits.ConsentSource));
        var sms = new ConsentUpdate(row.SmsConsent, v.Time("sms_consent_at", row.SmsConsentAt),
            v.Text("sms_consent_source", row.SmsConsentSource, FieldLimits.ConsentSource));
        return v.IsValid ? new CustomerDraft(index, profile, email, sms, row.IsActive) : null;
    }

    /// <summary>The row is the store's current record: every profile field is replaced, an omitted one cleared.</summary>
    private static void CopyProfile(Customer from, Customer to)
    {
        to.FirstName = from.FirstName;
        to.LastName = from.LastName;
        to.Email = from.Email;
        to.Phone = from.Phone;
        to.BirthDate = from.BirthDate;
        to.Gender = from.Gender;
        to.City = from.City;
        to.Region = from.Region;
        to.Country = from.Country;
        to.IncomeBand = from.IncomeBand;
    }

    private static void ApplyConsentAndStatus(CustomerDraft draft, Customer target, bool isNew, string defaultSource, DateTime now)
    {
        (target.EmailConsent, target.EmailConsentAt, target.EmailConsentSource) =
            draft.Email.ApplyTo((target.EmailConsent, target.EmailConsentAt, target.EmailConsentSource), isNew, defaultSource, now);
        (target.SmsConsent, target.SmsConsentAt, target.SmsConsentSource) =
            draft.Sms.ApplyTo((target.SmsConsent, target.SmsConsentAt, target.SmsConsentSource), isNew, defaultSource, now);
        if (draft.IsActive is { } active) target.IsActive = active;
    }

    private sealed record CustomerDraft(int Index, Customer Profile, ConsentUpdate Email, ConsentUpdate Sms, bool? IsActive);

    private sealed record ConsentUpdate(bool? Given, DateTime? At, string? Source)
    {
        /// <summary>An omitted flag, or one equal to the stored flag, keeps the stored time and source.</summary>
        public (bool Flag, DateTime? At, string? Source) ApplyTo(
            (bool Flag, DateTime? At, string? Source) current, bool isNew, string defaultSource, DateTime now) =>
            Given is { } flag && (isNew || flag != current.Flag)
                ? (flag, At ?? now, Source ?? defaultSource)
                : current;
    }
}
