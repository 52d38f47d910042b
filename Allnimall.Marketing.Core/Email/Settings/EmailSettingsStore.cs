using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// The saved <see cref="EmailSettings"/> row held in memory (one per process), so options are computed without a database
/// round trip. <see cref="ReloadAsync"/> (at start-up after migration, and after every save) replaces it and fires the
/// change token that <see cref="EmailSettingsChangeTokenSource{TOptions}"/> hands to the options monitors, which then
/// recompute <see cref="EmailOptions"/> and <see cref="Campaigns.DeliveryOptions"/> through
/// <see cref="EmailSettingsPostConfigure"/>. Another instance of the app sees a save at its next start.
/// </summary>
public sealed class EmailSettingsStore(IDbContextFactory<MarketingDbContext> dbFactory)
{
    private static readonly AsyncLocal<Candidate?> Trial = new();
    private readonly Lock gate = new();
    private CancellationTokenSource changed = new();
    private EmailSettings? saved;

    /// <summary>The row the options are built from: a candidate under trial (<see cref="Try{T}"/>) on this flow, else the saved row.</summary>
    internal EmailSettings? Effective => Trial.Value is { } trial ? trial.Row : Volatile.Read(ref saved);

    /// <summary>The senders staff may pick on a campaign (Settings → Email); empty when none were saved.</summary>
    public IReadOnlyList<SenderIdentity> SenderIdentities =>
        Volatile.Read(ref saved) is { } row
            ? System.Text.Json.JsonSerializer.Deserialize<List<SenderIdentity>>(row.SenderIdentities, JsonOptions) ?? []
            : [];

    internal static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    public async Task ReloadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.EmailSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == EmailSettings.SingletonId, ct);
        CancellationTokenSource previous;
        lock (gate)
        {
            Volatile.Write(ref saved, row);
            previous = changed;
            changed = new CancellationTokenSource();
        }
        previous.Cancel();
        previous.Dispose();
    }

    public IChangeToken ChangeToken()
    {
        lock (gate) return new CancellationChangeToken(changed.Token);
    }

    /// <summary>
    /// Runs <paramref name="build"/> (which asks an options factory for fresh options) as if <paramref name="candidate"/>
    /// were saved (null: as if no row were saved), on this async flow only: the service checks a form against every
    /// options validator, and tests connections with unsaved values, without touching what sends use.
    /// </summary>
    public T Try<T>(EmailSettings? candidate, Func<T> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var before = Trial.Value;
        Trial.Value = new Candidate(candidate);
        try
        {
            return build();
        }
        finally
        {
            Trial.Value = before;
        }
    }

    private sealed record Candidate(EmailSettings? Row);
}
