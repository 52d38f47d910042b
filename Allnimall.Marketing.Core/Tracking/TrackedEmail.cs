namespace Allnimall.Marketing.Core.Tracking;

/// <summary>A composed email body, its tracked links (index = position in the list) and the header fields it needs.</summary>
public sealed record TrackedEmail(string Html, IReadOnlyList<string> Links, IReadOnlyDictionary<string, string> Headers);
