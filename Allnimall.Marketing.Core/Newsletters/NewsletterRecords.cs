using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Core.Newsletters;

/// <summary>A list with its subscriber counts (one grouped query for all lists on the page).</summary>
public sealed record NewsletterListItem(Guid Id, string Name, string? Description, string Slug, bool DoubleOptIn, DateTime CreatedAt,
    int Subscribed, int Pending, int Unsubscribed);

/// <summary>How many addresses of a list are in each status.</summary>
public sealed record NewsletterCounts(int Subscribed, int Pending, int Unsubscribed);

/// <summary>One subscriber row of a list's grid and CSV export.</summary>
public sealed record NewsletterSubscriberRow(Guid Id, string Email, string? Name, Guid? CustomerId, NewsletterSubscriptionStatus Status,
    string Source, DateTime RequestedAt, DateTime? ConfirmedAt, DateTime? UnsubscribedAt, string? UnsubscribeSource);

/// <summary>A page of a list's subscribers; <see cref="Status"/> narrows it to one status.</summary>
public sealed record NewsletterSubscriberQuery : GridQuery
{
    public NewsletterSubscriptionStatus? Status { get; init; }
}

/// <summary>
/// Staff add an address: subscribed at once, without a confirmation email, so only when
/// <see cref="ConsentConfirmed"/> (staff hold the person's consent: a signed form, a checkout tick box).
/// </summary>
public sealed class NewsletterSubscriberForm
{
    public string Email { get; set; } = "";
    public string? Name { get; set; }
    public bool ConsentConfirmed { get; set; }
}

/// <summary>A public sign-up: the address and, optionally, a name.</summary>
public sealed record NewsletterSignup(string? Email, string? Name);

/// <summary>What the confirmation link did: the list's name when the address is (now) subscribed; null for a bad link.</summary>
public sealed record NewsletterConfirmation(string ListName, string MaskedEmail);

/// <summary>The public subscribe page's content.</summary>
public sealed record NewsletterPublicList(string Name, string? Description, string Slug);

public static class NewsletterSortKeys
{
    public const string Email = "email";
    public const string Status = "status";
    public const string RequestedAt = "requested_at";
    public const string ConfirmedAt = "confirmed_at";

    public static readonly IReadOnlyList<string> All = [Email, Status, RequestedAt, ConfirmedAt];
}
