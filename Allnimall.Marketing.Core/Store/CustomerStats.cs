namespace Allnimall.Marketing.Core.Store;

/// <summary>A customer's purchases under <see cref="OrderRevenue"/>.</summary>
public sealed record CustomerStats(int Orders, decimal LifetimeSpend, decimal AverageOrderValue, DateTime? FirstOrderAt, DateTime? LastOrderAt);
