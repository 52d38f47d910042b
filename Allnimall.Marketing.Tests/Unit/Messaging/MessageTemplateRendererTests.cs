using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Unit.Messaging;

public sealed class MessageTemplateRendererTests
{
    // 20:00 UTC on 31 March is already 1 April in Jakarta (UTC+7).
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 31, 20, 0, 0, TimeSpan.Zero));

    private static readonly MessageModel Sample = new(
        new MessageCustomer("Ani", "Wijaya", "ani@example.com", City: "Bandung"),
        new MessageStore("Toko Kucing", "https://toko.example", "Jl. Merdeka 1"),
        new MessageCampaign("Spring sale"),
        PromoCode: "SPRING10",
        UnsubscribeUrl: "https://toko.example/u/abc");

    private MessageTemplateRenderer CreateRenderer(MessageTemplateOptions? options = null) =>
        new(_clock, Options.Create(options ?? new MessageTemplateOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Merges_snake_case_fields_of_every_model_part()
    {
        var text = await CreateRenderer().RenderAsync(
            "Hi {{ customer.first_name }} ({{ customer.full_name }}, {{ customer.city }}) from {{ store.name }} at {{ store.url }}: " +
            "{{ campaign.name }} code {{ promo_code }} {{ unsubscribe_url }}",
            Sample, MessageFormat.Text, Ct);

        Assert.Equal("Hi Ani (Ani Wijaya, Bandung) from Toko Kucing at https://toko.example: Spring sale code SPRING10 https://toko.example/u/abc", text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Default_filter_falls_back_when_the_first_name_is_missing_or_empty(string? firstName)
    {
        var model = Sample with { Customer = new MessageCustomer(firstName) };

        var text = await CreateRenderer().RenderAsync("Hi {{ customer.first_name | default: \"friend\" }}!", model, MessageFormat.Text, Ct);

        Assert.Equal("Hi friend!", text);
    }

    [Fact]
    public async Task Html_bodies_encode_merge_values_and_text_bodies_do_not()
    {
        var renderer = CreateRenderer();
        var model = Sample with { Customer = new MessageCustomer("<script>alert(1)</script>") };
        const string template = "<p>Hi {{ customer.first_name }}</p>";

        var html = await renderer.RenderAsync(template, model, MessageFormat.Html, Ct);
        var text = await renderer.RenderAsync(template, model, MessageFormat.Text, Ct);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.StartsWith("<p>Hi ", html); // the template's own markup is not encoded
        Assert.Equal("<p>Hi <script>alert(1)</script></p>", text);
    }

    [Fact]
    public void A_syntax_error_is_reported_with_line_and_column()
    {
        var errors = CreateRenderer().Validate("Hello\nDear {{ customer.first_name \nBye");

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.True(error.Column > 1, $"column {error.Column}");
        Assert.Contains("}}", error.Message);
        Assert.StartsWith($"line 2, column {error.Column}: ", error.ToString());
    }

    [Fact]
    public void A_valid_template_has_no_errors() =>
        Assert.Empty(CreateRenderer().Validate("{% if customer.first_name != blank %}Hi {{ customer.first_name | upcase }}{% endif %}"));

    [Fact]
    public async Task An_unknown_filter_fails_validation_with_its_position_and_fails_rendering()
    {
        var renderer = CreateRenderer();
        const string template = "Hi\n  {{ customer.first_name | shout }}";

        var error = Assert.Single(renderer.Validate(template));
        Assert.Equal((2, 26), (error.Line, error.Column));
        Assert.Contains("'shout'", error.Message);
        var thrown = await Assert.ThrowsAsync<TemplateRenderException>(() => renderer.RenderAsync(template, Sample, MessageFormat.Text, Ct));
        Assert.Single(thrown.Errors);
    }

    [Theory]
    [InlineData("{{ customer.GetType }}")]
    [InlineData("{{ customer.GetType.Assembly }}")]
    [InlineData("{{ customer.EqualityContract }}")]
    [InlineData("{{ customer.FirstName }}{{ customer.ToString }}{{ customer.get_first_name }}")]
    [InlineData("{{ store.GetHashCode }}{{ campaign.GetType.FullName }}{{ promo_code.Length }}")]
    [InlineData("{{ model }}{{ message_model }}{{ customer.id }}")]
    public async Task Clr_members_and_unregistered_names_render_empty(string template)
    {
        var text = await CreateRenderer().RenderAsync("[" + template + "]", Sample, MessageFormat.Text, Ct);

        Assert.Equal("[]", text);
    }

    [Theory]
    [InlineData("{% include '{0}' %}")]
    [InlineData("{% render '{0}' %}")]
    [InlineData("{% include '../{0}' %}")]
    public async Task Include_and_render_read_no_file(string tag)
    {
        var name = $"partial_{Guid.NewGuid():N}";
        var canary = $"FILE_CANARY_{Guid.NewGuid():N}";
        var path = Path.Combine(Directory.GetCurrentDirectory(), name + ".liquid");
        await File.WriteAllTextAsync(path, canary, Ct);
        try
        {
            var template = tag.Replace("{0}", tag.Contains("..") ? "appsettings.json" : name);
            var renderer = CreateRenderer();

            var thrown = await Assert.ThrowsAsync<TemplateRenderException>(() => renderer.RenderAsync(template, Sample, MessageFormat.Text, Ct));
            Assert.DoesNotContain(canary, thrown.ToString());
            Assert.NotEmpty(await renderer.ValidateByRenderingAsync(template, Sample, Ct));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Environment_variables_and_configuration_never_reach_the_output()
    {
        var envCanary = $"SECRET_CANARY_{Guid.NewGuid():N}";
        const string connectionString = "Server=db;User Id=sa;Password=CONFIG_CANARY_pw";
        Environment.SetEnvironmentVariable("SECRET_CANARY_LIQUID", envCanary);
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString })
                .Build();
            using var provider = new ServiceCollection()
                .AddSingleton<TimeProvider>(_clock)
                .AddSingleton<IConfiguration>(configuration)
                .AddMessaging(configuration)
                .BuildServiceProvider();
            var renderer = provider.GetRequiredService<MessageTemplateRenderer>();
            string[] attempts =
            [
                "{{ env \"SECRET_CANARY_LIQUID\" }}", "{{ env.SECRET_CANARY_LIQUID }}", "{{ SECRET_CANARY_LIQUID }}",
                "{{ environment.SECRET_CANARY_LIQUID }}", "%SECRET_CANARY_LIQUID%", "$SECRET_CANARY_LIQUID",
                "%ConnectionStrings:Default%", "{{ ConnectionStrings.Default }}", "{{ configuration.ConnectionStrings.Default }}",
                "{{ 'SECRET_CANARY_LIQUID' | env }}", "{{ customer.GetType.Assembly.Location }}",
            ];

            foreach (var attempt in attempts)
            {
                var errors = await renderer.ValidateByRenderingAsync(attempt, Sample, Ct);
                var output = errors.Count == 0 ? await renderer.RenderAsync(attempt, Sample, MessageFormat.Text, Ct) : string.Join(";", errors);

                Assert.DoesNotContain(envCanary, output);
                Assert.DoesNotContain("CONFIG_CANARY", output);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("SECRET_CANARY_LIQUID", null);
        }
    }

    [Fact]
    public async Task A_huge_range_is_refused_before_it_is_materialised()
    {
        var renderer = CreateRenderer();
        const string template = "{% for i in (1..100000000) %}x{% endfor %}";

        Assert.Empty(renderer.Validate(template)); // bounds may be variables, so this is a render-time check
        var thrown = await Assert.ThrowsAsync<TemplateRenderException>(() => renderer.RenderAsync(template, Sample, MessageFormat.Text, Ct));
        Assert.Contains("range", thrown.Message);
        var error = Assert.Single(await renderer.ValidateByRenderingAsync(template, Sample, Ct));
        Assert.Null(error.Line);
        await Assert.ThrowsAsync<TemplateRenderException>(() =>
            renderer.RenderAsync("{% assign n = 100000000 %}{{ (1..n) | size }}", Sample, MessageFormat.Text, Ct));
    }

    [Fact]
    public async Task A_runaway_loop_stops_at_the_step_limit_with_a_render_exception()
    {
        var renderer = CreateRenderer();
        const string template = "{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}";

        var thrown = await Assert.ThrowsAsync<TemplateRenderException>(() => renderer.RenderAsync(template, Sample, MessageFormat.Text, Ct));
        Assert.Contains("steps", thrown.Message);
        Assert.Single(await renderer.ValidateByRenderingAsync(template, Sample, Ct));
    }

    [Fact]
    public async Task A_loop_within_the_limits_still_renders()
    {
        var text = await CreateRenderer().RenderAsync("{% for i in (1..3) %}{% for j in (1..500) %}x{% endfor %}{% endfor %}", Sample, MessageFormat.Text, Ct);

        Assert.Equal(1500, text.Length);
        Assert.Equal("3,2,1", await CreateRenderer().RenderAsync(
            "{% for i in (1..3) reversed %}{{ i }}{% unless forloop.last %},{% endunless %}{% endfor %}", Sample, MessageFormat.Text, Ct));
    }

    [Fact]
    public async Task Nesting_deeper_than_the_recursion_limit_stops_with_a_render_exception()
    {
        var template = string.Concat(Enumerable.Repeat("{% for i in (1..1) %}", 30)) + "x" + string.Concat(Enumerable.Repeat("{% endfor %}", 30));

        await Assert.ThrowsAsync<TemplateRenderException>(() => CreateRenderer().RenderAsync(template, Sample, MessageFormat.Text, Ct));
    }

    [Fact]
    public void Templates_that_would_overflow_the_parser_stack_fail_validation_instead_of_crashing()
    {
        var renderer = CreateRenderer();
        var deepBlocks = string.Concat(Enumerable.Repeat("{% if true %}", 3_000)) + string.Concat(Enumerable.Repeat("{% endif %}", 3_000));
        var longFilterChain = "{{ customer.first_name" + string.Concat(Enumerable.Repeat(" | upcase", 10_000)) + " }}";

        Assert.Contains("nested", Assert.Single(renderer.Validate(deepBlocks)).Message);
        Assert.Contains("longer", Assert.Single(renderer.Validate(longFilterChain)).Message);
        Assert.Empty(renderer.Validate("{% raw %}" + string.Concat(Enumerable.Repeat("{% if %}", 100)) + "{% endraw %}"));
    }

    [Fact]
    public async Task A_tag_at_the_length_limit_renders_without_overflowing()
    {
        var tag = "{{ customer.first_name" + string.Concat(Enumerable.Repeat(" | upcase", 100)) + " }}";
        Assert.True(tag.Length <= new MessageTemplateOptions().MaxTagLength);

        Assert.Equal("ANI", await CreateRenderer().RenderAsync(tag, Sample, MessageFormat.Text, Ct));
    }

    [Fact]
    public async Task A_string_doubled_in_a_loop_stops_at_the_size_limit()
    {
        const string template = "{% assign s = 'xxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}";

        await Assert.ThrowsAsync<TemplateRenderException>(() => CreateRenderer().RenderAsync(template, Sample, MessageFormat.Text, Ct));
    }

    [Fact]
    public async Task Now_comes_from_the_injected_clock_in_the_store_time_zone()
    {
        var renderer = CreateRenderer();
        var expected = renderer.TimeZone == TimeZoneInfo.Utc ? "2026-03-31" : "2026-04-01";

        Assert.Equal(expected, await renderer.RenderAsync("{{ 'now' | date: '%Y-%m-%d' }}", Sample, MessageFormat.Text, Ct));
        _clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(expected[..8] + (expected.EndsWith("31") ? "10" : "11"),
            await renderer.RenderAsync("{{ 'now' | date: '%Y-%m-%d' }}", Sample, MessageFormat.Text, Ct));
    }

    [Fact]
    public void An_unknown_time_zone_falls_back_to_utc() =>
        Assert.Equal(TimeZoneInfo.Utc, CreateRenderer(new MessageTemplateOptions { TimeZoneId = "Mars/Olympus_Mons" }).TimeZone);

    [Fact]
    public async Task The_same_template_text_is_parsed_once()
    {
        var renderer = CreateRenderer();
        const string template = "Hi {{ customer.first_name }}";

        var first = await renderer.RenderAsync(template, Sample, MessageFormat.Text, Ct);
        var second = await renderer.RenderAsync(template, Sample with { Customer = new MessageCustomer("Budi") }, MessageFormat.Html, Ct);
        Assert.Equal(1, renderer.ParseCount);
        await renderer.RenderAsync(template + "!", Sample, MessageFormat.Text, Ct);

        Assert.Equal(("Hi Ani", "Hi Budi"), (first, second));
        Assert.Equal(2, renderer.ParseCount);
    }

    [Fact]
    public async Task The_cache_stays_bounded()
    {
        var renderer = CreateRenderer(new MessageTemplateOptions { MaxCachedTemplates = 2 });

        foreach (var i in Enumerable.Range(0, 3)) await renderer.RenderAsync($"v{i} {{{{ campaign.name }}}}", Sample, MessageFormat.Text, Ct);
        await renderer.RenderAsync("v0 {{ campaign.name }}", Sample, MessageFormat.Text, Ct);

        Assert.Equal(4, renderer.ParseCount); // v0 was evicted when the cache filled, so it was parsed again
    }
}
