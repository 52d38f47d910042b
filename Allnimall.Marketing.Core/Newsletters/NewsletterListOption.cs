namespace Allnimall.Marketing.Core.Newsletters;

/// <summary>A list in the campaign form's "Send to newsletter list" choice.</summary>
public sealed record NewsletterListOption(Guid Id, string Name, int Subscribed);
