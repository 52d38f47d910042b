namespace Allnimall.Marketing.Core.Messaging;

/// <summary>The recipient as templates see it (<c>customer.first_name</c>, <c>customer.full_name</c>, …).</summary>
public sealed record MessageCustomer(
    string? FirstName,
    string? LastName = null,
    string? Email = null,
    string? Phone = null,
    string? City = null,
    string? Region = null,
    string? Country = null)
{
    /// <summary>First and last name joined; empty when both are empty, so <c>| default:</c> still falls back.</summary>
    public string FullName => string.Join(' ', new[] { FirstName, LastName }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));
}
