using Allnimall.Marketing.Core.Campaigns.Checklist;

namespace Allnimall.Marketing.Tests.Unit.Campaigns;

/// <summary>The pre-send checklist, case by case: what blocks a launch (errors) and what only warns.</summary>
public sealed class EmailChecklistTests
{
    private const string Address = "Jl. Kemang Raya 5, Jakarta";
    private const string StoreUrl = "https://shop.example";
    private const string Footer = "<p>{{ store.name }} · {{ store.address }}</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>";
    private const string Good = "<div class=\"preheader\" style=\"display:none\">New toys this week</div><p>Hi {{ customer.first_name }}</p>"
        + "<a href=\"https://shop.example/toys?c={{ customer.id }}\"><img src=\"https://shop.example/t.png\" alt=\"Toys\"></a>" + Footer;

    public static TheoryData<string, string?, string, string?, string?, ChecklistSeverity> Cases() => new()
    {
        // check, subject, html, preheader, store address, expected outcome of that check
        { EmailChecklist.Subject, "New toys for {{ customer.first_name }}", Good, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Subject, "", Good, null, Address, ChecklistSeverity.Error },
        { EmailChecklist.Subject, "   ", Good, null, Address, ChecklistSeverity.Error },
        { EmailChecklist.Subject, new string('a', 61), Good, null, Address, ChecklistSeverity.Warning },
        { EmailChecklist.Subject, new string('a', 78), Good, null, Address, ChecklistSeverity.Warning },
        { EmailChecklist.Subject, new string('a', 79), Good, null, Address, ChecklistSeverity.Error },
        // A merge field counts as 8 characters, not as its 25 characters of Liquid.
        { EmailChecklist.Subject, new string('a', 50) + "{{ customer.first_name }}", Good, null, Address, ChecklistSeverity.Passed },
        // A tag prints nothing: 50 letters, a merge field inside an if, and "!" stay under 60.
        { EmailChecklist.Subject, new string('a', 50) + "{% if customer.first_name != blank %}{{ customer.first_name }}{% endif %}!", Good, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Subject, new string('a', 55) + "{% if customer.first_name != blank %}{{ customer.first_name }}{% endif %}", Good, null, Address, ChecklistSeverity.Warning },
        { EmailChecklist.Subject, "HUGE SALE ON EVERY TOY", Good, null, Address, ChecklistSeverity.Warning },
        { EmailChecklist.Subject, "Sale now!!", Good, null, Address, ChecklistSeverity.Warning },
        { EmailChecklist.Preheader, "Hi", Good, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Preheader, "Hi", "<p>Hi</p>" + Footer, null, Address, ChecklistSeverity.Warning },
        { EmailChecklist.Preheader, "Hi", "<p>Hi</p>" + Footer, "Given by the editor", Address, ChecklistSeverity.Passed },
        { EmailChecklist.Preheader, "Hi", "<span data-preheader>Treats inside</span><p>Hi</p>" + Footer, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Preheader, "Hi", "<span style=\"display: none; max-height:0\">Hidden intro</span><p>Hi</p>" + Footer, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Unsubscribe, "Hi", Good, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Unsubscribe, "Hi", "<p>Hi {{ store.address }}</p>", null, Address, ChecklistSeverity.Error },
        // The merge field as text is not a link.
        { EmailChecklist.Unsubscribe, "Hi", "<p>{{ unsubscribe_url }} {{ store.address }}</p>", null, Address, ChecklistSeverity.Error },
        { EmailChecklist.PhysicalAddress, "Hi", Good, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.PhysicalAddress, "Hi", Good, null, null, ChecklistSeverity.Error },
        { EmailChecklist.PhysicalAddress, "Hi", Good, null, "  ", ChecklistSeverity.Error },
        // The configured address typed into the content (any spacing) counts; no address at all does not.
        { EmailChecklist.PhysicalAddress, "Hi", "<p>Jl.  Kemang Raya 5,\n Jakarta</p><a href=\"{{ unsubscribe_url }}\">x</a>", null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.PhysicalAddress, "Hi", "<p>Hi</p><a href=\"{{ unsubscribe_url }}\">x</a>", null, Address, ChecklistSeverity.Error },
        { EmailChecklist.Links, "Hi", Good, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Links, "Hi", Footer + "<a href=\"mailto:help@shop.example\">m</a><a href=\"tel:+62 21 555 0101\">t</a>", null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Links, "Hi", Footer + "<a href=\"{{ store.url }}/sale\">s</a>", null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.Links, "Hi", Footer + "<a href=\"www.shop.example\">no scheme</a>", null, Address, ChecklistSeverity.Error },
        { EmailChecklist.Links, "Hi", Footer + "<a href=\"/relative/path\">relative</a>", null, Address, ChecklistSeverity.Error },
        { EmailChecklist.Links, "Hi", Footer + "<a href=\"\">empty</a>", null, Address, ChecklistSeverity.Error },
        { EmailChecklist.Links, "Hi", Footer + "<a href=\"javascript:alert(1)\">js</a>", null, Address, ChecklistSeverity.Error },
        { EmailChecklist.Links, "Hi", Footer + "<a href=\"https://exa mple.com\">space</a>", null, Address, ChecklistSeverity.Error },
        { EmailChecklist.Links, "Hi", Footer + "<a href=\"{{ store.url \">broken liquid</a>", null, Address, ChecklistSeverity.Error },
        { EmailChecklist.ImageAlt, "Hi", Good, null, Address, ChecklistSeverity.Passed },
        { EmailChecklist.ImageAlt, "Hi", Footer + "<img src=\"https://shop.example/a.png\">", null, Address, ChecklistSeverity.Warning },
        { EmailChecklist.ImageAlt, "Hi", Footer + "<img src=\"https://shop.example/a.png\" alt=\" \">", null, Address, ChecklistSeverity.Warning },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_check_gives_the_expected_outcome(string check, string? subject, string html, string? preheader, string? address,
        ChecklistSeverity expected)
    {
        var result = EmailChecklist.Check(subject, html, preheader, address, StoreUrl);

        var item = Assert.Single(result.Items, i => i.Check == check);
        Assert.True(expected == item.Severity, $"{check}: expected {expected}, got {item.Severity} ({item.Message})");
    }

    [Theory]
    [InlineData("{{ store.url }}", "https://shop.example", ChecklistSeverity.Passed)]
    [InlineData("{{ store.url }}", null, ChecklistSeverity.Error)]
    [InlineData("{{ store.url }}/sale", "", ChecklistSeverity.Error)]
    [InlineData("{{ store.url | default: 'https://toko.example' }}", null, ChecklistSeverity.Passed)]
    [InlineData("https://toko.example", null, ChecklistSeverity.Passed)]
    public void A_link_to_the_store_website_needs_the_website_set(string href, string? storeUrl, ChecklistSeverity expected)
    {
        var result = EmailChecklist.Check("Hi", $"<p><a href=\"{href}\">Shop</a></p>" + Footer, null, Address, storeUrl);

        Assert.Equal(expected, Assert.Single(result.Items, i => i.Check == EmailChecklist.Links).Severity);
    }

    [Fact]
    public void A_complete_email_passes_everything_and_errors_block_while_warnings_do_not()
    {
        var good = EmailChecklist.Check("New toys", Good, null, Address, StoreUrl);
        var warned = EmailChecklist.Check("New toys", "<p>Hi</p><img src=\"https://shop.example/a.png\">" + Footer, null, Address, StoreUrl);
        var bad = EmailChecklist.Check("", "<p>Hi</p>", null, null, null);

        Assert.All(good.Items, i => Assert.Equal(ChecklistSeverity.Passed, i.Severity));
        Assert.False(warned.HasErrors);
        Assert.Equal([EmailChecklist.Preheader, EmailChecklist.ImageAlt], warned.Warnings.Select(w => w.Check));
        Assert.True(bad.HasErrors);
        Assert.Equal([EmailChecklist.Subject, EmailChecklist.Unsubscribe, EmailChecklist.PhysicalAddress], bad.Errors.Select(e => e.Check));
    }
}
