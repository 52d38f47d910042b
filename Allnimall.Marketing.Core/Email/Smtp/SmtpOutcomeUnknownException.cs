namespace Allnimall.Marketing.Core.Email.Smtp;

/// <summary>
/// The message data reached the relay but its final reply did not (RFC 1047): the relay may have accepted it. Thrown so
/// the dispatcher records the delivery <c>unknown</c> and never resends it automatically (RELIABILITY T7).
/// </summary>
public sealed class SmtpOutcomeUnknownException(string message, Exception inner) : Exception(message, inner);
