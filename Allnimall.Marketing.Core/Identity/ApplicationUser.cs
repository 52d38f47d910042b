using Microsoft.AspNetCore.Identity;

namespace Allnimall.Marketing.Core.Identity;

public class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public DateTime CreatedAt { get; set; }
}
