namespace Allnimall.Marketing.Core.Email.Content;

public enum TextAlign { Left, Center, Right }
