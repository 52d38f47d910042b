using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Allnimall.Marketing.Core.Email.Content;

public static class EmailContentServiceCollectionExtensions
{
    /// <summary>The block editor's renderer, the HTML sanitiser and the composer that turns editor input into stored HTML.</summary>
    public static IServiceCollection AddEmailContent(this IServiceCollection services)
    {
        services.TryAddSingleton<EmailHtmlSanitizer>();
        // Prices in the product grid: the store's currency from AddDiscounts (registered later, it wins), rupiah without it.
        services.TryAddSingleton(Discounts.CurrencyOptions.Idr);
        services.TryAddScoped<EmailDocumentRenderer>();
        services.TryAddScoped<EmailContentComposer>();
        // The product grid's picker searches the catalog through the discounts' catalog service.
        services.TryAddScoped<Discounts.DiscountCatalogService>();
        return services;
    }
}
