namespace Allnimall.Marketing.Core.Messaging;

/// <summary>Limits and locale for <see cref="MessageTemplateRenderer"/>. The defaults are the safe ones.</summary>
public sealed class MessageTemplateOptions
{
    /// <summary>The store's IANA time zone, used by <c>'now' | date</c>; UTC when the machine does not know it.</summary>
    public string TimeZoneId { get; set; } = "Asia/Jakarta";

    /// <summary>Statements one render may execute; also the longest <c>(a..b)</c> range, since a longer one could never finish.</summary>
    public int MaxSteps { get; set; } = 100_000;

    /// <summary>Nesting depth one render may reach (nested blocks, includes).</summary>
    public int MaxRecursion { get; set; } = 20;

    /// <summary>Longest template accepted; campaign bodies are far smaller.</summary>
    public int MaxTemplateLength { get; set; } = 100_000;

    /// <summary>
    /// Longest single <c>{{ … }}</c> or <c>{% … %}</c> tag. Fluid parses and evaluates filter chains and boolean
    /// operators recursively, so a tag with thousands of them overflows the stack and kills the process.
    /// </summary>
    public int MaxTagLength { get; set; } = 1_000;

    /// <summary>Deepest block nesting accepted at parse time (the parser recurses per level; 3,000 levels overflow its stack).</summary>
    public int MaxNesting { get; set; } = 40;

    /// <summary>Longest rendered output and longest string an <c>assign</c>/<c>capture</c> may build (memory bound).</summary>
    public int MaxOutputLength { get; set; } = 1_000_000;

    /// <summary>Distinct parsed templates kept; the cache is cleared when it is full.</summary>
    public int MaxCachedTemplates { get; set; } = 256;
}
