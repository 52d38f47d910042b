namespace Allnimall.Marketing.Core.Store;

/// <summary>A product or category page the customer viewed.</summary>
public sealed record CustomerBrowsingRow(DateTime ViewedAt, string? ProductName, string? CategoryName);
