namespace Allnimall.Marketing.Core.Subscription;

/// <summary>Either the saved subscription, or field errors keyed by <see cref="SubscriptionForm"/> property names.</summary>
public sealed record SubscriptionSaveResult(SubscriptionView? Saved, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public bool Succeeded => Saved is not null;

    public static SubscriptionSaveResult Ok(SubscriptionView saved) => new(saved, new Dictionary<string, string[]>());

    public static SubscriptionSaveResult Invalid(string field, string message) =>
        new(null, new Dictionary<string, string[]> { [field] = [message] });
}
