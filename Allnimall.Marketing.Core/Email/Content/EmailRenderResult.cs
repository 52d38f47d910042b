namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>A rendered <see cref="EmailDocument"/>; <see cref="MissingProductIds"/> were picked but are not in the catalog.</summary>
public sealed record EmailRenderResult(string Html, IReadOnlyList<Guid> MissingProductIds);
