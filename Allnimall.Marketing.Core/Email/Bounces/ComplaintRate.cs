namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>Campaign emails sent and complaints received in the last 24 hours, their ratio and what it means.</summary>
public sealed record ComplaintRate(int Sent, int Complaints, double Rate, ComplaintRateLevel Level);
