using System.ComponentModel.DataAnnotations;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>What an admin fills in to create an API key.</summary>
public sealed class ApiKeyForm : IValidatableObject
{
    [Required(ErrorMessage = "Give the key a name, e.g. the system that will use it.")]
    [StringLength(100, ErrorMessage = "At most 100 characters.")]
    public string Name { get; set; } = "";

    /// <summary>An attribute rather than <see cref="Validate"/>, which only runs once every attribute passes.</summary>
    [MinLength(1, ErrorMessage = "Choose at least one scope.")]
    public HashSet<string> Scopes { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Scopes.Except(ApiScopes.All).Any())
            yield return new ValidationResult("Unknown scope.", [nameof(Scopes)]);
    }
}
