using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Store;

/// <summary>
/// Converts between UTC (what the database stores) and the store's wall-clock time (what staff type and read).
/// A singleton; the zone is validated at start-up, so it always resolves.
/// </summary>
public sealed class StoreTimeZone
{
    public StoreTimeZone(IOptions<StoreOptions> options)
    {
        Id = options.Value.TimeZone;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(Id);
    }

    public string Id { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>"Asia/Jakarta (UTC+07:00)": the label shown next to date fields.</summary>
    public string Label(DateTime utc)
    {
        var offset = Zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{Id} (UTC{sign}{offset:hh\\:mm})";
    }

    /// <summary>A wall-clock time in the store's zone to UTC. A time skipped by a DST change moves forward by the gap.</summary>
    public DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(unspecified, Zone);
    }

    /// <summary>A UTC time as the store's wall-clock time (Kind unspecified: it is neither UTC nor this machine's local time).</summary>
    public DateTime ToLocal(DateTime utc) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone), DateTimeKind.Unspecified);

    public static bool IsKnown(string? id) => !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
