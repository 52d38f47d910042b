namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>
/// The outcome of one batch: good rows landed (inserted or updated, matched by external id), bad rows were rejected
/// with one or more <see cref="Errors"/> each.
/// </summary>
public sealed record IngestResult(int Received, int Inserted, int Updated, int Rejected, IReadOnlyList<IngestRowError> Errors);
