namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// Recognises machine opens and scanner clicks where they can be recognised: known image proxies, prefetchers and
/// security scanners by user agent, anything within seconds of the send, HEAD requests, and one delivery clicking
/// several different links within a second or two (a gateway following every link). Apple Mail Privacy Protection
/// fetches with a generic browser agent from Apple's proxy addresses, so it is caught by timing only.
/// </summary>
public static class AutomatedTraffic
{
    private static readonly string[] ImageProxies =
        ["GoogleImageProxy", "ggpht.com", "YahooMailProxy", "Yahoo! Slurp", "Outlook-iOS-Android", "Thunderbird/ImageProxy"];

    private static readonly string[] Scanners =
    [
        "bot", "crawler", "spider", "scan", "python-requests", "python-urllib", "curl/", "wget/", "go-http-client", "java/",
        "okhttp", "libwww", "headlesschrome", "phantomjs", "barracuda", "mimecast", "proofpoint", "messagelabs", "symantec",
        "forcepoint", "trend micro", "fireeye", "sophos", "microsoft office protocol discovery", "safelinks",
    ];

    /// <summary>Several different links of one message clicked within this time look like a scanner.</summary>
    public static readonly TimeSpan BurstWindow = TimeSpan.FromSeconds(2);

    public static string? MachineOpenReason(string? userAgent, DateTime openedAt, DateTime? sentAt, TimeSpan window)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "no user agent";
        if (ImageProxies.Any(p => userAgent.Contains(p, StringComparison.OrdinalIgnoreCase))) return "image proxy";
        if (Scanners.Any(s => userAgent.Contains(s, StringComparison.OrdinalIgnoreCase))) return "known scanner agent";
        if (sentAt is { } sent && openedAt - sent < window) return "opened within seconds of the send";
        return null;
    }

    public static string? ScannerClickReason(string? userAgent, bool isHead, DateTime clickedAt, DateTime? sentAt, TimeSpan window)
    {
        if (isHead) return "HEAD request";
        if (string.IsNullOrWhiteSpace(userAgent)) return "no user agent";
        if (Scanners.Any(s => userAgent.Contains(s, StringComparison.OrdinalIgnoreCase))) return "known scanner agent";
        if (sentAt is { } sent && clickedAt - sent < window) return "clicked within seconds of the send";
        return null;
    }
}
