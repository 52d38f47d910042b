using System.ComponentModel.DataAnnotations;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>The first-run form that creates the Admin account. Password rules are Identity's (checked by the service).</summary>
public sealed class FirstAdminForm
{
    [Required, EmailAddress, StringLength(256)]
    public string Email { get; set; } = "";

    [Required, StringLength(100)]
    [Display(Name = "Display name")]
    public string DisplayName { get; set; } = "";

    [Required, StringLength(128)]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required]
    [DataType(DataType.Password)]
    [Display(Name = "Confirm password")]
    [Compare(nameof(Password), ErrorMessage = "The password and its confirmation do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
