using System.ComponentModel.DataAnnotations;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>An admin creates a staff account with one role and an initial password (Identity's rules apply).</summary>
public sealed class NewUserForm
{
    [Required, EmailAddress, StringLength(256)]
    public string Email { get; set; } = "";

    [Required, StringLength(100)]
    [Display(Name = "Display name")]
    public string DisplayName { get; set; } = "";

    [Required]
    public string Role { get; set; } = Roles.Marketer;

    [Required, StringLength(128)]
    [DataType(DataType.Password)]
    [Display(Name = "Initial password")]
    public string Password { get; set; } = "";
}
