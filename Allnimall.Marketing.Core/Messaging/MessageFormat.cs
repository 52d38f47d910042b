namespace Allnimall.Marketing.Core.Messaging;

/// <summary>How a rendered body is consumed: HTML bodies get their merge values HTML-encoded, text/SMS bodies do not.</summary>
public enum MessageFormat { Html, Text }
