namespace Allnimall.Marketing.Core.Tracking;

/// <summary>Human opens in one bucket of "opens over time": an hour (<see cref="Hourly"/>) in the first 48 h after the first send, a UTC day after that.</summary>
public sealed record OpensOverTimePoint(DateTime Start, bool Hourly, int Opens);
