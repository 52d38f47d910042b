namespace Allnimall.Marketing.Core.Tracking;

/// <summary>A campaign's email results: totals from the daily rollups, and human clicks per link.</summary>
public sealed record EmailResults(
    int Sent, int Delivered, int Bounced, int Opens, int UniqueOpens, int Clicks, int UniqueClicks, int Unsubscribes,
    IReadOnlyList<LinkClicks> Links)
{
    public double? OpenRate => Rate(UniqueOpens, Delivered);
    public double? ClickRate => Rate(UniqueClicks, Delivered);
    public double? BounceRate => Rate(Bounced, Sent);
    public double? UnsubscribeRate => Rate(Unsubscribes, Delivered);

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
}
