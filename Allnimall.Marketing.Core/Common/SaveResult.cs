namespace Allnimall.Marketing.Core.Common;

public enum SaveStatus { Ok, Invalid, NotFound, Conflict }

/// <summary>
/// The expected outcomes of a write: the saved value, field errors (keyed by field name, shown next to the field in the
/// UI and as 400 problem details in the API), not found (404), or a conflict (409) with a message.
/// </summary>
public sealed record SaveResult<T>(SaveStatus Status, T? Value, IReadOnlyDictionary<string, string[]> Errors, string? Message)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static SaveResult<T> Ok(T value) => new(SaveStatus.Ok, value, NoErrors, null);
    public static SaveResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(SaveStatus.Invalid, default, errors, null);
    public static SaveResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
    public static SaveResult<T> NotFound() => new(SaveStatus.NotFound, default, NoErrors, null);
    public static SaveResult<T> Conflict(string message) => new(SaveStatus.Conflict, default, NoErrors, message);

    public bool Succeeded => Status == SaveStatus.Ok;
}
