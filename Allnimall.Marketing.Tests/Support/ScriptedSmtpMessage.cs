using System.Text;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>One message the scripted server accepted: envelope sender, recipients and the raw data.</summary>
public sealed record ScriptedSmtpMessage(string MailFrom, IReadOnlyList<string> Recipients, string Data)
{
    public MimeKit.MimeMessage Parse() => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));
}
