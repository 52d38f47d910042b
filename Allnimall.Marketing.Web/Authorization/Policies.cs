using Allnimall.Marketing.Core.Identity;

namespace Allnimall.Marketing.Web.Authorization;

/// <summary>
/// Policy names. Every permission in <see cref="Permissions"/> is also a policy of the same name (staff only); the
/// constants here are the policies that API keys can satisfy too.
/// </summary>
public static class Policies
{
    /// <summary>Staff with <c>customers.view</c>, or an API key with <c>customers:read</c>.</summary>
    public const string CustomersRead = "api:customers.read";

    /// <summary>An API key with <c>ingest:write</c> (the store backend).</summary>
    public const string StoreIngest = "api:store.ingest";

    /// <summary>Checkout calls (evaluate, redeem, void): an API key with <c>promo:redeem</c>, or staff with <c>discounts.manage</c>.</summary>
    public const string PromoRedeem = "api:promo.redeem";
}
