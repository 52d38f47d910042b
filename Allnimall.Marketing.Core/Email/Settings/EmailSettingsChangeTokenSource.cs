using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>Tells <see cref="IOptionsMonitor{TOptions}"/> to recompute <typeparamref name="TOptions"/> when email settings are saved.</summary>
public sealed class EmailSettingsChangeTokenSource<TOptions>(EmailSettingsStore store) : IOptionsChangeTokenSource<TOptions>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => store.ChangeToken();
}
