namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>Collects the per-row errors of one batch; a row with any error is rejected as a whole.</summary>
internal sealed class IngestBatch<TRow>(IReadOnlyList<TRow?> rows, Func<TRow, string?> externalIdOf, DateTime now)
    where TRow : class
{
    private readonly List<IngestRowError> errors = [];
    private readonly HashSet<int> rejected = [];

    public IReadOnlyList<TRow?> Rows => rows;

    public RowValidator Validator(int index) => new((field, message) => Reject(index, field, message), now);

    public void Reject(int index, string field, string message)
    {
        var row = rows[index];
        var externalId = row is null ? null : externalIdOf(row)?.Trim();
        errors.Add(new IngestRowError(index, externalId, field, message));
        rejected.Add(index);
    }

    public bool IsRejected(int index) => rejected.Contains(index);

    /// <summary>
    /// Keeps the first row of each external id and rejects the others: two versions of one record in a batch are
    /// ambiguous, and the store can always re-send the right one.
    /// </summary>
    public List<T> RejectDuplicates<T>(List<T> drafts, Func<T, int> indexOf, Func<T, string> externalIdOfDraft)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<T>(drafts.Count);
        foreach (var draft in drafts)
        {
            var index = indexOf(draft);
            if (first.TryGetValue(externalIdOfDraft(draft), out var firstIndex))
            {
                Reject(index, "external_id", $"The external id appears more than once in this batch (first at index {firstIndex}).");
                continue;
            }
            first.Add(externalIdOfDraft(draft), index);
            kept.Add(draft);
        }
        return kept;
    }

    public IngestResult Result(int inserted, int updated) =>
        new(rows.Count, inserted, updated, rejected.Count, errors.OrderBy(e => e.Index).ToList());
}
