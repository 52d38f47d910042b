namespace Allnimall.Marketing.Core.Messaging;

/// <summary>The sending store as templates see it (<c>store.name</c>, <c>store.url</c>, <c>store.address</c>).</summary>
public sealed record MessageStore(string Name, string? Url = null, string? Address = null);
