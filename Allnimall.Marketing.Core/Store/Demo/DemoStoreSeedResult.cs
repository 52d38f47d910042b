namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>What the demo store seeder wrote.</summary>
public sealed record DemoStoreSeedResult(
    int Customers, int Products, int Orders, int OrderItems, int BrowsingEvents, int Campaigns, int EngagementRows);
