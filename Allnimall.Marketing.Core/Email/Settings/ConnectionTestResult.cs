namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// The outcome of "test connection": whether connecting (and logging in, when a user is set) worked, a one-line
/// <see cref="Summary"/> (the exact error when it failed) and <see cref="Transcript"/>, the protocol conversation with
/// passwords redacted, so staff see the server's own answer.
/// </summary>
public sealed record ConnectionTestResult(ConnectionTarget Target, bool Succeeded, string Summary, string Transcript);
