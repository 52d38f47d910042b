using System.Security.Claims;
using Allnimall.Marketing.Core.Identity;

namespace Allnimall.Marketing.Web.Authorization;

/// <summary>
/// Who sees customers' full email and phone: staff whose role carries <c>customers.pii</c>, and the store's own
/// backend through an API key with <c>customers:read</c> (the store owns that data). Everyone else gets
/// <see cref="Core.Common.PiiMask"/>ed values.
/// </summary>
public static class CustomerPiiAccess
{
    public static bool CanSeePii(ClaimsPrincipal user) =>
        user.HasClaim(Permissions.ClaimType, Permissions.CustomersPii) ||
        user.Identities.Any(i => i.AuthenticationType == AuthSchemes.ApiKey && i.HasClaim(AuthSchemes.ScopeClaim, ApiScopes.CustomersRead));
}
