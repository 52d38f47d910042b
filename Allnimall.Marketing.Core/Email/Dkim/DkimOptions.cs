namespace Allnimall.Marketing.Core.Email.Dkim;

/// <summary>
/// "Email:Dkim": signing is on when <see cref="Domain"/>, <see cref="Selector"/> and a key (<see cref="PrivateKeyPem"/>,
/// best from the environment, or <see cref="PrivateKeyPath"/>) are set. The public key is published at
/// <c>selector._domainkey.domain</c>.
/// </summary>
public sealed class DkimOptions
{
    public string? Domain { get; set; }
    public string? Selector { get; set; }
    public string? PrivateKeyPem { get; set; }
    public string? PrivateKeyPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector)
        && (!string.IsNullOrWhiteSpace(PrivateKeyPem) || !string.IsNullOrWhiteSpace(PrivateKeyPath));
}
