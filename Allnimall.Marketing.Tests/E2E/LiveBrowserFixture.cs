namespace Allnimall.Marketing.Tests.E2E;

/// <summary>The browser over an app whose background jobs run, so a launched campaign is sent by the real schedule.</summary>
public sealed class LiveBrowserFixture() : BrowserFixture(schedules: true);
