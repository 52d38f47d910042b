using System.Text;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>A StringWriter that refuses to grow past a limit, so a looping template cannot exhaust memory.</summary>
internal sealed class BoundedStringWriter(int maxLength) : StringWriter
{
    public override void Write(char value)
    {
        EnsureRoom(1);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        EnsureRoom(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        EnsureRoom(buffer.Length);
        base.Write(buffer);
    }

    public override void Write(string? value)
    {
        EnsureRoom(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(StringBuilder? value)
    {
        EnsureRoom(value?.Length ?? 0);
        base.Write(value);
    }

    private void EnsureRoom(int count)
    {
        if (GetStringBuilder().Length + count > maxLength)
            throw new TemplateRenderException($"The rendered message is longer than {maxLength:N0} characters.");
    }
}
