using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Common;

/// <summary>
/// An <see cref="IOptionsMonitor{TOptions}"/> that always answers one value and never changes: for code that builds
/// services by hand (benchmarks, tests) where the app would inject the real monitor.
/// </summary>
public sealed class FixedOptionsMonitor<TOptions>(TOptions value) : IOptionsMonitor<TOptions>
{
    public TOptions CurrentValue => value;

    public TOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<TOptions, string?> listener) => null;
}
