namespace Allnimall.Marketing.Core.Messaging;

public enum SmsEncoding { Gsm7, Ucs2 }
