namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>A city the demo store sells in: its province (stored as Region), its share of customers and its clock.</summary>
internal sealed record DemoCity(string Name, string Province, int Weight, int UtcOffsetHours);

/// <summary>Where the demo customers live: weighted to the big metro areas, as a Jakarta-based pet chain's would be.</summary>
internal static class DemoGeography
{
    public const string Country = "Indonesia";

    // Weights roughly follow urban population and e-commerce reach; WITA cities are UTC+8, the rest WIB (UTC+7).
    public static readonly IReadOnlyList<DemoCity> Cities =
    [
        new("Jakarta", "DKI Jakarta", 24, 7),
        new("Surabaya", "Jawa Timur", 11, 7),
        new("Bandung", "Jawa Barat", 10, 7),
        new("Tangerang", "Banten", 9, 7),
        new("Bekasi", "Jawa Barat", 8, 7),
        new("Medan", "Sumatera Utara", 7, 7),
        new("Depok", "Jawa Barat", 5, 7),
        new("Semarang", "Jawa Tengah", 5, 7),
        new("Makassar", "Sulawesi Selatan", 5, 8),
        new("Denpasar", "Bali", 5, 8),
        new("Yogyakarta", "DI Yogyakarta", 5, 7),
        new("Bogor", "Jawa Barat", 4, 7),
        new("Malang", "Jawa Timur", 3, 7),
        new("Palembang", "Sumatera Selatan", 3, 7),
        new("Balikpapan", "Kalimantan Timur", 2, 8),
    ];

    // Indonesian mobile prefixes (Telkomsel, Indosat, XL, Tri, Smartfren): numbers are +62 8xx followed by 8 digits.
    public static readonly IReadOnlyList<string> MobilePrefixes =
        ["811", "812", "813", "821", "822", "852", "853", "814", "815", "816", "855", "856", "857", "858",
         "817", "818", "819", "859", "877", "878", "895", "896", "897", "898", "881", "882"];
}
