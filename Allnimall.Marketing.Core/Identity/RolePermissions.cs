namespace Allnimall.Marketing.Core.Identity;

/// <summary>One row of the role × permission matrix.</summary>
public sealed record RolePermissions(string Role, IReadOnlyList<string> Permissions);
