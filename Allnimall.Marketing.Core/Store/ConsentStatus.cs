namespace Allnimall.Marketing.Core.Store;

/// <summary>Whether a customer agreed to a channel, when, and where the answer came from (checkout, CSV import, …).</summary>
public sealed record ConsentStatus(bool Granted, DateTime? At, string? Source);
