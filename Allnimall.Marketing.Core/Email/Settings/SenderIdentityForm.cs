namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>One editable row of the sender list (mutable for the form's two-way binding).</summary>
public sealed class SenderIdentityForm
{
    public string? Name { get; set; }
    public string? Address { get; set; }
}
