namespace Allnimall.Marketing.Core.Tracking;

/// <summary>Human clicks on one destination of a campaign's emails (total and distinct recipients).</summary>
public sealed record LinkClicks(string Url, int Clicks, int UniqueClicks);
