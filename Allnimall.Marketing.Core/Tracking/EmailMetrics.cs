namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// The <c>campaign_performance</c> metric names the email rollup owns (the demo seeder writes the same names for its
/// history). Opens and clicks count human events only; machine opens and scanner clicks are kept out.
/// </summary>
public static class EmailMetrics
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Bounced = "bounced";
    public const string Opens = "opens";
    public const string UniqueOpens = "unique_opens";
    public const string Clicks = "clicks";
    public const string UniqueClicks = "unique_clicks";
    public const string Unsubscribes = "unsubscribes";

    public static readonly IReadOnlyList<string> All = [Sent, Delivered, Bounced, Opens, UniqueOpens, Clicks, UniqueClicks, Unsubscribes];
}
