namespace Allnimall.Marketing.Core.Email.Smtp;

/// <summary>"Email:Smtp": the relay, its credentials (put the password in the environment: <c>Email__Smtp__Password</c>), the pool and the rate.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpTlsMode Tls { get; set; } = SmtpTlsMode.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>Authenticated connections kept open and reused (each carries one message at a time).</summary>
    public int PoolSize { get; set; } = 2;

    /// <summary>The relay's rate limit; becomes the dispatcher's email pacing (Delivery:EmailPerSecond) when that is not set.</summary>
    public double MessagesPerSecond { get; set; } = 50;

    /// <summary>Per SMTP command and connect, so a hung relay cannot hold a delivery forever.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Our name in EHLO; the machine name when empty.</summary>
    public string? LocalDomain { get; set; }
}
