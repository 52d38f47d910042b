namespace Allnimall.Marketing.Core.Store;

/// <summary>Revenue orders placed on one UTC day.</summary>
public sealed record DailyOrders(DateOnly Day, int Orders, decimal Revenue);
