namespace Allnimall.Marketing.Core.Messaging;

/// <summary>A template could not be rendered: it does not parse, or it hit a safety limit (steps, recursion, size).</summary>
public sealed class TemplateRenderException : Exception
{
    public TemplateRenderException(string message, Exception? innerException = null) : base(message, innerException) { }

    public TemplateRenderException(IReadOnlyList<TemplateError> errors)
        : base("The template is invalid: " + string.Join("; ", errors)) => Errors = errors;

    /// <summary>The validation errors when the template does not parse; empty for runtime failures.</summary>
    public IReadOnlyList<TemplateError> Errors { get; } = [];
}
