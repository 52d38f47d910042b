namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// An email's content as it is stored: the HTML that is sent, how it was made, the block document's JSON and the
/// preheader (blocks mode); or the field errors that stopped it.
/// </summary>
public sealed record ComposedEmail(string Html, EmailEditorMode Mode, string? BlocksJson, string? Preheader, Dictionary<string, string[]> Errors)
{
    public static ComposedEmail Invalid(Dictionary<string, string[]> errors) => new("", EmailEditorMode.Html, null, null, errors);
}
