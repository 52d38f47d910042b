using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Core.Discounts;

public static class DiscountServiceCollectionExtensions
{
    /// <summary>Discounts, codes, pricing and redemption; the currency from <c>Discounts:Currency</c> (default IDR).</summary>
    public static IServiceCollection AddDiscounts(this IServiceCollection services, IConfiguration configuration)
    {
        var currency = configuration.GetSection("Discounts:Currency").Get<CurrencyOptions>() ?? CurrencyOptions.Idr;
        if (currency.MinorUnits is < 0 or > 4 || string.IsNullOrWhiteSpace(currency.Code))
            throw new InvalidOperationException("Discounts:Currency needs a Code and MinorUnits between 0 and 4.");
        services.AddSingleton(currency);
        var margin = configuration.GetSection("Discounts:MarginGuardrail").Get<MarginGuardrailOptions>() ?? new MarginGuardrailOptions();
        if (margin.MarginFloorPercent is < 0 or >= 100)
            throw new InvalidOperationException("Discounts:MarginGuardrail:MarginFloorPercent must be at least 0 and below 100.");
        services.AddSingleton(margin);
        services.AddSingleton<DiscountCalculator>().AddSingleton<DiscountSummaryWriter>();
        return services.AddScoped<DiscountService>().AddScoped<MarginGuardrail>().AddScoped<PromoCodeService>()
            .AddScoped<DiscountPricingService>().AddScoped<DiscountRedemptionService>().AddScoped<DiscountCatalogService>().AddSingleton<CodeGenerationJobs>().AddScoped<ProductPriceService>().AddScoped<OrderPromoRedemptions>();
    }
}
