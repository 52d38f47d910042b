namespace Allnimall.Marketing.Core.Email.Smtp;

/// <summary>
/// How the SMTP connection is secured: <see cref="None"/> (loopback test servers only), <see cref="StartTls"/> (port 587),
/// <see cref="SslOnConnect"/> (port 465) or <see cref="Auto"/> (MailKit decides from the port and the server's STARTTLS offer).
/// </summary>
public enum SmtpTlsMode { None, StartTls, SslOnConnect, Auto }
