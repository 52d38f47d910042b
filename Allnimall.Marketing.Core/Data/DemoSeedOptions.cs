namespace Allnimall.Marketing.Core.Data;

/// <summary>What to seed for demos: the role accounts (the login page lists them) and the demo pet store.</summary>
public sealed record DemoSeedOptions(bool Accounts, bool Store);
