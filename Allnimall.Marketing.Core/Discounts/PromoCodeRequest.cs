namespace Allnimall.Marketing.Core.Discounts;

/// <summary>A bulk generation of unique codes: how many, a fixed prefix, the random part's length and alphabet.</summary>
public sealed record PromoCodeRequest(int Count, string? Prefix, int Length = 10, string? Alphabet = null);
