namespace Allnimall.Marketing.Core.Identity;

/// <summary>What each API scope lets the store backend do, in words an admin can choose by.</summary>
public static class ApiScopeDescriptions
{
    public static string For(string scope) => scope switch
    {
        ApiScopes.IngestWrite => "Send store data: customers, categories, products, orders and browsing events (POST /api/marketing/store/…).",
        ApiScopes.CustomersRead => "Read customers (GET /api/marketing/customers).",
        ApiScopes.PromoRedeem => "Validate and redeem promo codes at checkout.",
        _ => scope,
    };
}
