namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// One problem with a template. <see cref="Line"/>/<see cref="Column"/> are 1-based and null for problems found only
/// while rendering (step limit, recursion), which have no position.
/// </summary>
public sealed record TemplateError(int? Line, int? Column, string Message)
{
    public override string ToString() =>
        Line is { } line ? $"line {line}, column {Column ?? 1}: {Message}" : Message;
}
