using Microsoft.AspNetCore.Identity;

namespace Allnimall.Marketing.Core.Identity;

public enum UserAdminOutcome { Ok, Invalid, NotFound, Refused }

/// <summary>
/// The outcome of a user-administration or first-run operation. <see cref="FieldErrors"/> are keyed by the form's
/// property name ("" for errors that belong to no field); <see cref="Message"/> explains a refusal.
/// </summary>
public sealed record UserAdminResult(
    UserAdminOutcome Outcome, IReadOnlyDictionary<string, string[]> FieldErrors, string? Message = null, string? UserId = null)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public bool Succeeded => Outcome == UserAdminOutcome.Ok;

    public static UserAdminResult Ok(string? userId = null) => new(UserAdminOutcome.Ok, NoErrors, UserId: userId);
    public static UserAdminResult NotFound() => new(UserAdminOutcome.NotFound, NoErrors, "The user no longer exists.");
    public static UserAdminResult Refused(string message) => new(UserAdminOutcome.Refused, NoErrors, message);

    public static UserAdminResult Invalid(string field, string message) =>
        new(UserAdminOutcome.Invalid, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Identity's validator errors, each placed on the form field it is about.</summary>
    public static UserAdminResult Invalid(IEnumerable<IdentityError> errors) =>
        new(UserAdminOutcome.Invalid, errors
            .GroupBy(e => FieldFor(e.Code), e => e.Description)
            .ToDictionary(g => g.Key, g => g.ToArray()));

    private static string FieldFor(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "Password",
        "DuplicateEmail" or "InvalidEmail" or "DuplicateUserName" or "InvalidUserName" => "Email",
        _ => "",
    };
}
