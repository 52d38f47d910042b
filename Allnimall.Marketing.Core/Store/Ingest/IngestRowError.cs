namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>Why one row of a batch was rejected. <see cref="Index"/> is the row's 0-based position in the batch.</summary>
public sealed record IngestRowError(int Index, string? ExternalId, string Field, string Message);
