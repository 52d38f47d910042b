namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>Which animal a product (or a customer) is about; <see cref="Any"/> suits every pet.</summary>
internal enum DemoPet { Dog, Cat, Fish, Bird, Any }

/// <summary>
/// How a product is bought: a <see cref="Staple"/> is the food a pet lives on (bought again every few weeks, usually
/// the same one), a <see cref="Consumable"/> runs out (litter, treats, shampoo), a <see cref="Durable"/> lasts.
/// </summary>
internal enum DemoProductKind { Staple, Consumable, Durable }

internal sealed record DemoCategorySpec(string ExternalId, string Name, string SkuPrefix);

/// <summary>One product of the catalogue; prices in Rupiah, multiples of Rp500.</summary>
internal sealed record DemoProductSpec(string Category, string Name, int Price, DemoPet Pet, DemoProductKind Kind);

/// <summary>The demo store's catalogue: brands and pack sizes an Indonesian pet shop stocks, at street prices.</summary>
internal static class DemoCatalog
{
    public const string DogFood = "PC001", CatFood = "PC002", Aquarium = "PC003", Birds = "PC004",
        Toys = "PC005", Grooming = "PC006", Health = "PC007", Accessories = "PC008";

    public static readonly IReadOnlyList<DemoCategorySpec> Categories =
    [
        new(DogFood, "Dog Food", "DGF"), new(CatFood, "Cat Food", "CTF"), new(Aquarium, "Aquarium", "AQU"),
        new(Birds, "Birds", "BRD"), new(Toys, "Toys", "TOY"), new(Grooming, "Grooming", "GRM"),
        new(Health, "Health", "HLT"), new(Accessories, "Accessories", "ACC"),
    ];

    public static readonly IReadOnlyList<DemoProductSpec> Products =
    [
        .. Group(DogFood, DemoPet.Dog,
        [
            ("Royal Canin Mini Adult 800g", 115_000, DemoProductKind.Staple),
            ("Royal Canin Mini Adult 2kg", 265_000, DemoProductKind.Staple),
            ("Royal Canin Mini Adult 8kg", 895_000, DemoProductKind.Staple),
            ("Royal Canin Mini Puppy 2kg", 289_000, DemoProductKind.Staple),
            ("Royal Canin Medium Adult 4kg", 499_000, DemoProductKind.Staple),
            ("Royal Canin Maxi Adult 15kg", 1_450_000, DemoProductKind.Staple),
            ("Pro Plan Adult Small & Mini Chicken 2.5kg", 389_000, DemoProductKind.Staple),
            ("Pro Plan Puppy Medium Chicken 3kg", 435_000, DemoProductKind.Staple),
            ("Hill's Science Diet Adult Small Bites 2kg", 365_000, DemoProductKind.Staple),
            ("Acana Adult Small Breed 2kg", 495_000, DemoProductKind.Staple),
            ("Pedigree Adult Beef & Vegetables 1.5kg", 72_000, DemoProductKind.Staple),
            ("Pedigree Adult Beef & Vegetables 3kg", 135_000, DemoProductKind.Staple),
            ("Pedigree Adult Beef & Vegetables 10kg", 410_000, DemoProductKind.Staple),
            ("Pedigree Puppy Chicken & Egg 1.3kg", 68_500, DemoProductKind.Staple),
            ("Alpo Adult Beef & Liver 1.5kg", 65_000, DemoProductKind.Staple),
            ("Bolt Dog Beef 1kg", 32_000, DemoProductKind.Staple),
            ("Bolt Dog Beef 20kg", 495_000, DemoProductKind.Staple),
            ("Pedigree Pouch Chicken Chunks 12x80g", 95_000, DemoProductKind.Consumable),
            ("Pedigree Dentastix Small 7pcs", 26_500, DemoProductKind.Consumable),
            ("Pedigree Jumbone Medium 4pcs", 39_000, DemoProductKind.Consumable),
            ("Jerhigh Chicken Stick 70g", 32_500, DemoProductKind.Consumable),
            ("Jerhigh Milky Bone 70g", 31_000, DemoProductKind.Consumable),
        ]),
        .. Group(CatFood, DemoPet.Cat,
        [
            ("Whiskas Adult Tuna 480g", 32_000, DemoProductKind.Staple),
            ("Whiskas Adult Tuna 1.2kg", 68_000, DemoProductKind.Staple),
            ("Whiskas Adult Tuna 7kg", 365_000, DemoProductKind.Staple),
            ("Whiskas Junior Ocean Fish 1.1kg", 66_000, DemoProductKind.Staple),
            ("Me-O Adult Seafood 1.2kg", 59_000, DemoProductKind.Staple),
            ("Me-O Adult Seafood 7kg", 330_000, DemoProductKind.Staple),
            ("Me-O Kitten Ocean Fish 1.1kg", 62_000, DemoProductKind.Staple),
            ("Royal Canin Kitten 400g", 79_000, DemoProductKind.Staple),
            ("Royal Canin Kitten 2kg", 299_000, DemoProductKind.Staple),
            ("Royal Canin Indoor 27 2kg", 289_000, DemoProductKind.Staple),
            ("Royal Canin Persian Adult 2kg", 315_000, DemoProductKind.Staple),
            ("Royal Canin Hair & Skin 2kg", 309_000, DemoProductKind.Staple),
            ("Pro Plan Adult Cat Chicken 1.5kg", 269_000, DemoProductKind.Staple),
            ("Friskies Seafood Sensations 1.2kg", 62_500, DemoProductKind.Staple),
            ("Bolt Cat Tuna 1kg", 27_000, DemoProductKind.Staple),
            ("Bolt Cat Tuna 20kg", 455_000, DemoProductKind.Staple),
            ("Cat Choize Adult Salmon 800g", 35_000, DemoProductKind.Staple),
            ("Felibite Adult Mix 1kg", 28_500, DemoProductKind.Staple),
            ("Whiskas Pouch Tuna 12x80g", 85_000, DemoProductKind.Consumable),
            ("Sheba Pouch Tuna & Salmon 12x70g", 115_000, DemoProductKind.Consumable),
            ("Me-O Creamy Treats Salmon 4x15g", 15_000, DemoProductKind.Consumable),
            ("Ciao Churu Tuna 4x14g", 27_500, DemoProductKind.Consumable),
            ("Temptations Seafood Medley 85g", 35_500, DemoProductKind.Consumable),
        ]),
        .. Group(Aquarium, DemoPet.Fish,
        [
            ("Takari Fish Food 100g", 15_000, DemoProductKind.Staple),
            ("Tetra Bits Complete 93g", 95_000, DemoProductKind.Staple),
            ("Hikari Goldfish Gold 100g", 85_000, DemoProductKind.Staple),
            ("Hikari Cichlid Gold Medium 250g", 165_000, DemoProductKind.Staple),
            ("Tetra Min Flakes 100g", 89_000, DemoProductKind.Staple),
            ("Seachem Prime Water Conditioner 100ml", 135_000, DemoProductKind.Consumable),
            ("Seachem Stability 100ml", 125_000, DemoProductKind.Consumable),
            ("Filter Wool Refill 1m", 25_000, DemoProductKind.Consumable),
            ("Bio Ring Ceramic Media 500g", 45_000, DemoProductKind.Consumable),
            ("Aquarium Filter 300L/h", 95_000, DemoProductKind.Durable),
            ("Hang-on Filter 600L/h", 185_000, DemoProductKind.Durable),
            ("Canister Filter 1000L/h", 895_000, DemoProductKind.Durable),
            ("Aquarium Heater 100W", 125_000, DemoProductKind.Durable),
            ("Aquarium LED Light 60cm", 245_000, DemoProductKind.Durable),
            ("Amara Air Pump 2 Outlet", 65_000, DemoProductKind.Durable),
            ("Glass Aquarium 40x25x30cm", 185_000, DemoProductKind.Durable),
            ("Glass Aquarium 60x30x36cm", 450_000, DemoProductKind.Durable),
            ("Glass Aquarium 90x45x45cm", 1_250_000, DemoProductKind.Durable),
            ("Aquarium Sand Natural 5kg", 55_000, DemoProductKind.Durable),
            ("Aquascape Driftwood Medium", 95_000, DemoProductKind.Durable),
        ]),
        .. Group(Birds, DemoPet.Bird,
        [
            ("Lovebird Seed Mix 1kg", 35_000, DemoProductKind.Staple),
            ("Canary Seed Mix 1kg", 30_000, DemoProductKind.Staple),
            ("Parrot Pellets 1kg", 145_000, DemoProductKind.Staple),
            ("Millet Spray 250g", 25_000, DemoProductKind.Staple),
            ("Murai Batu Voer 250g", 28_500, DemoProductKind.Staple),
            ("Dried Crickets 100g", 35_000, DemoProductKind.Consumable),
            ("Ebod Vit Bird Vitamin 10 Tablets", 15_000, DemoProductKind.Consumable),
            ("Bird Fit Mineral Block", 22_500, DemoProductKind.Consumable),
            ("Cuttlebone 2pcs", 15_000, DemoProductKind.Consumable),
            ("Bird Cage Round Large", 350_000, DemoProductKind.Durable),
            ("Bird Cage Hanging Medium", 285_000, DemoProductKind.Durable),
            ("Acrylic Bird Feeder", 25_000, DemoProductKind.Durable),
            ("Bird Water Dispenser 250ml", 19_500, DemoProductKind.Durable),
            ("Bird Bath Tub Clip-on", 35_000, DemoProductKind.Durable),
            ("Wooden Nest Box Lovebird", 65_000, DemoProductKind.Durable),
        ]),
        .. Group(Toys, DemoPet.Dog,
        [
            ("KONG Classic Small", 145_000, DemoProductKind.Durable),
            ("KONG Classic Medium", 185_000, DemoProductKind.Durable),
            ("Rope Tug Toy 40cm", 45_000, DemoProductKind.Durable),
            ("Squeaky Tennis Balls 3pcs", 39_000, DemoProductKind.Durable),
            ("Chuckit! Ball Launcher", 165_000, DemoProductKind.Durable),
            ("Nylabone Dura Chew Medium", 115_000, DemoProductKind.Durable),
            ("Plush Squeaky Duck", 55_000, DemoProductKind.Durable),
        ]),
        .. Group(Toys, DemoPet.Cat,
        [
            ("Feather Teaser Wand", 25_000, DemoProductKind.Durable),
            ("Catnip Mice 3pcs", 29_500, DemoProductKind.Durable),
            ("Cat Tunnel 3-Way", 89_000, DemoProductKind.Durable),
            ("Cat Scratching Post 60cm", 175_000, DemoProductKind.Durable),
            ("Cat Tree Condo 120cm", 895_000, DemoProductKind.Durable),
            ("Interactive Ball Track Tower", 79_000, DemoProductKind.Durable),
            ("Cardboard Scratcher Lounge", 65_000, DemoProductKind.Durable),
        ]),
        .. Group(Toys, DemoPet.Bird,
        [
            ("Wooden Bird Swing", 22_500, DemoProductKind.Durable),
            ("Bird Mirror with Bell", 18_000, DemoProductKind.Durable),
            ("Parrot Foraging Toy", 55_000, DemoProductKind.Durable),
        ]),
        .. Group(Grooming, DemoPet.Dog,
        [
            ("Anti-Flea Dog Shampoo 250ml", 55_000, DemoProductKind.Consumable),
            ("Puppy Tearless Shampoo 250ml", 49_000, DemoProductKind.Consumable),
            ("Dog Toothbrush & Paste Set", 49_000, DemoProductKind.Consumable),
            ("Deshedding Tool Large", 185_000, DemoProductKind.Durable),
        ]),
        .. Group(Grooming, DemoPet.Cat,
        [
            ("Oatmeal Cat Shampoo 250ml", 52_000, DemoProductKind.Consumable),
            ("Cat Dry Shampoo Powder 100g", 39_000, DemoProductKind.Consumable),
            ("Cat Grooming Glove", 35_000, DemoProductKind.Durable),
            ("Deshedding Tool Small", 155_000, DemoProductKind.Durable),
        ]),
        .. Group(Grooming, DemoPet.Any,
        [
            ("Slicker Brush Medium", 65_000, DemoProductKind.Durable),
            ("Stainless Steel Comb", 39_000, DemoProductKind.Durable),
            ("Pet Nail Clipper", 45_000, DemoProductKind.Durable),
            ("Pet Wet Wipes 80 Sheets", 35_000, DemoProductKind.Consumable),
            ("Ear Cleaner 120ml", 75_000, DemoProductKind.Consumable),
            ("Waterless Bath Foam 200ml", 69_000, DemoProductKind.Consumable),
            ("Pet Cologne Baby Powder 100ml", 45_000, DemoProductKind.Consumable),
        ]),
        .. Group(Health, DemoPet.Dog,
        [
            ("NexGard Small Dog 2-4kg 1 Tablet", 135_000, DemoProductKind.Consumable),
            ("NexGard Medium Dog 4-10kg 1 Tablet", 155_000, DemoProductKind.Consumable),
            ("Frontline Plus Dog 10-20kg", 175_000, DemoProductKind.Consumable),
            ("Drontal Plus Dog Dewormer 1 Tablet", 45_000, DemoProductKind.Consumable),
            ("Omega-3 Fish Oil for Dogs 100 Softgels", 195_000, DemoProductKind.Consumable),
            ("Joint Care Chews for Dogs 60pcs", 245_000, DemoProductKind.Consumable),
        ]),
        .. Group(Health, DemoPet.Cat,
        [
            ("Revolution Cat 2.6-7.5kg", 165_000, DemoProductKind.Consumable),
            ("Drontal Cat Dewormer 1 Tablet", 35_000, DemoProductKind.Consumable),
            ("Hairball Remedy Paste 70g", 85_000, DemoProductKind.Consumable),
            ("Probiotic Powder for Cats 30 Sachets", 155_000, DemoProductKind.Consumable),
            ("Nutri-Plus Gel 120g", 145_000, DemoProductKind.Consumable),
        ]),
        .. Group(Health, DemoPet.Fish, [("Ich Treatment 20ml", 35_000, DemoProductKind.Consumable)]),
        .. Group(Health, DemoPet.Bird, [("Avian Multivitamin Drops 30ml", 45_000, DemoProductKind.Consumable)]),
        .. Group(Health, DemoPet.Any,
        [
            ("Antiseptic Wound Spray 100ml", 55_000, DemoProductKind.Consumable),
            ("Pet Multivitamin Tablets 60pcs", 120_000, DemoProductKind.Consumable),
            ("Pet First Aid Kit", 165_000, DemoProductKind.Durable),
        ]),
        .. Group(Accessories, DemoPet.Dog,
        [
            ("Nylon Dog Collar M", 45_000, DemoProductKind.Durable),
            ("Dog Leash 1.5m", 65_000, DemoProductKind.Durable),
            ("Reflective Harness M", 125_000, DemoProductKind.Durable),
            ("Dog Bed Donut 60cm", 245_000, DemoProductKind.Durable),
            ("Poop Bags 8 Rolls", 32_000, DemoProductKind.Consumable),
            ("Foldable Dog Crate M", 695_000, DemoProductKind.Durable),
        ]),
        .. Group(Accessories, DemoPet.Cat,
        [
            ("Kasandra Cat Litter Lavender 10L", 65_000, DemoProductKind.Consumable),
            ("Bentonite Clumping Litter 25L", 135_000, DemoProductKind.Consumable),
            ("Tofu Cat Litter Original 6L", 89_000, DemoProductKind.Consumable),
            ("Hooded Litter Box", 185_000, DemoProductKind.Durable),
            ("Litter Scoop", 19_000, DemoProductKind.Durable),
            ("Automatic Water Fountain 2L", 285_000, DemoProductKind.Durable),
            ("Cat Collar with Bell", 25_000, DemoProductKind.Durable),
        ]),
        .. Group(Accessories, DemoPet.Any,
        [
            ("Stainless Steel Bowl 500ml", 35_000, DemoProductKind.Durable),
            ("Double Bowl with Stand", 85_000, DemoProductKind.Durable),
            ("Pet Carrier Medium", 265_000, DemoProductKind.Durable),
            ("Travel Water Bottle 500ml", 75_000, DemoProductKind.Durable),
            ("Engraved ID Tag", 55_000, DemoProductKind.Durable),
            ("Automatic Feeder 3L", 545_000, DemoProductKind.Durable),
        ]),
    ];

    private static IEnumerable<DemoProductSpec> Group(
        string category, DemoPet pet, IEnumerable<(string Name, int Price, DemoProductKind Kind)> items) =>
        items.Select(i => new DemoProductSpec(category, i.Name, i.Price, pet, i.Kind));
}
