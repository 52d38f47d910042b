using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Allnimall.Marketing.Core.Data;

/// <summary>Stamps <c>CreatedAt</c>/<c>UpdatedAt</c> from the injected clock, so tests control time.</summary>
public sealed class TimestampInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added)
            {
                SetIfDefault(entry, "CreatedAt", now);
                SetIfDefault(entry, "UpdatedAt", now);
            }
            else if (entry.State == EntityState.Modified && entry.Metadata.FindProperty("UpdatedAt") is not null)
            {
                entry.Property("UpdatedAt").CurrentValue = now;
            }
        }
    }

    private static void SetIfDefault(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string name, DateTime now)
    {
        if (entry.Metadata.FindProperty(name) is null) return;
        var property = entry.Property(name);
        if (property.CurrentValue is DateTime value && value == default) property.CurrentValue = now;
    }
}
