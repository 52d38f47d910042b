using Allnimall.Marketing.Core.Tracking;

namespace Allnimall.Marketing.Tests.Unit.Tracking;

/// <summary>T15: image proxies and scanners are recognised; a person's browser some minutes after the send is not.</summary>
public sealed class AutomatedTrafficTests
{
    private static readonly DateTime Sent = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", 600, "image proxy")]
    [InlineData("YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", 600, "image proxy")]
    [InlineData(Browser, 1, "opened within seconds of the send")]
    [InlineData("", 600, "no user agent")]
    [InlineData(Browser, 600, null)]
    public void T15_machine_opens(string agent, int secondsAfterSend, string? reason) =>
        Assert.Equal(reason, AutomatedTraffic.MachineOpenReason(agent, Sent.AddSeconds(secondsAfterSend), Sent, Window));

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Barracuda Sentinel)", false, 600, "known scanner agent")]
    [InlineData("python-requests/2.31", false, 600, "known scanner agent")]
    [InlineData(Browser, true, 600, "HEAD request")]
    [InlineData(Browser, false, 1, "clicked within seconds of the send")]
    [InlineData(Browser, false, 600, null)]
    public void T15_scanner_clicks(string agent, bool head, int secondsAfterSend, string? reason) =>
        Assert.Equal(reason, AutomatedTraffic.ScannerClickReason(agent, head, Sent.AddSeconds(secondsAfterSend), Sent, Window));
}
