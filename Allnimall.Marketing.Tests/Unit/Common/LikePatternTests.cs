using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Tests.Unit.Common;

public sealed class LikePatternTests
{
    [Theory]
    [InlineData("abc", "%abc%")]
    [InlineData("100%", "%100\\%%")]
    [InlineData("a_b", "%a\\_b%")]
    [InlineData("[x]", "%\\[x]%")]
    [InlineData("c:\\dir", "%c:\\\\dir%")]
    public void Escapes_wildcards_and_the_escape_character(string text, string expected) =>
        Assert.Equal(expected, LikePattern.Contains(text));
}
