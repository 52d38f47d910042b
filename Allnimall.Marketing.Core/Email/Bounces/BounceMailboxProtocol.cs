namespace Allnimall.Marketing.Core.Email.Bounces;

public enum BounceMailboxProtocol { Imap, Pop3 }
