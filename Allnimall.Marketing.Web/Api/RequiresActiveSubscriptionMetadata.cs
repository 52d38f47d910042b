namespace Allnimall.Marketing.Web.Api;

/// <summary>Marks endpoints that belong to the paid add-on (as opposed to store ingest and settings).</summary>
public sealed class RequiresActiveSubscriptionMetadata;
