using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// Validates and renders Liquid message templates (Fluid), safe by default: only <see cref="MessageModel"/>'s members
/// are visible, no file access (include/render fail), a step, recursion and size limit, HTML-encoded values in HTML
/// bodies, and <c>now</c> from the injected <see cref="TimeProvider"/> in the store's time zone. Thread-safe; a singleton.
/// </summary>
public sealed partial class MessageTemplateRenderer
{
    private readonly FluidParser _parser = new();
    private readonly TemplateOptions _options;
    private readonly MessageTemplateOptions _limits;
    private readonly ConcurrentDictionary<string, IFluidTemplate> _cache = new(StringComparer.Ordinal);
    private int _parseCount;

    public MessageTemplateRenderer(TimeProvider timeProvider, IOptions<MessageTemplateOptions> options)
    {
        _limits = options.Value;
        _options = CreateOptions(timeProvider, _limits);
    }

    /// <summary>The store's time zone used for dates (UTC when the configured zone is unknown on this machine).</summary>
    public TimeZoneInfo TimeZone => _options.TimeZone;

    /// <summary>How many times a template text was actually parsed (cache misses); for tests and diagnostics.</summary>
    internal int ParseCount => Volatile.Read(ref _parseCount);

    /// <summary>Save-time check: syntax errors with line and column, unknown filters, and the size/nesting limits.</summary>
    public IReadOnlyList<TemplateError> Validate(string template) => Parse(template).Errors;

    /// <summary>
    /// <see cref="Validate"/> plus one render with <paramref name="sampleModel"/>, so a template that loops past the step
    /// limit or recurses too deeply is rejected at save time rather than in the send worker.
    /// </summary>
    public async Task<IReadOnlyList<TemplateError>> ValidateByRenderingAsync(string template, MessageModel sampleModel, CancellationToken cancellationToken = default)
    {
        var errors = Validate(template);
        if (errors.Count > 0) return errors;
        try
        {
            await RenderAsync(template, sampleModel, MessageFormat.Html, cancellationToken);
            return [];
        }
        catch (TemplateRenderException e)
        {
            return [new TemplateError(null, null, e.Message)];
        }
    }

    /// <summary>Renders <paramref name="template"/> for one recipient. Throws <see cref="TemplateRenderException"/> on any template failure.</summary>
    public async Task<string> RenderAsync(string template, MessageModel model, MessageFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        var parsed = GetOrParse(template);
        var context = CreateContext(model, format);
        using var writer = new BoundedStringWriter(_limits.MaxOutputLength);
        TextEncoder encoder = format == MessageFormat.Html ? HtmlEncoder.Default : NullEncoder.Default;
        try
        {
            await parsed.RenderAsync(writer, encoder, context);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("The maximum", StringComparison.Ordinal))
        {
            // Fluid reports both MaxSteps and MaxRecursion this way (its step check reuses the recursion message).
            throw new TemplateRenderException(
                $"The template ran too long or nested too deeply (limits: {_limits.MaxSteps:N0} steps, {_limits.MaxRecursion} levels).", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FluidException or FileNotFoundException or ArgumentException or FormatException)
        {
            // include/render (no file provider), strict filters and bad filter arguments.
            throw new TemplateRenderException($"The template failed while rendering: {e.Message}", e);
        }
        return writer.ToString();
    }

    private IFluidTemplate GetOrParse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (_cache.TryGetValue(template, out var cached)) return cached;

        var (parsed, errors) = Parse(template);
        if (parsed is null) throw new TemplateRenderException(errors);
        if (_cache.Count >= _limits.MaxCachedTemplates) _cache.Clear(); // crude bound; a campaign reuses one template
        return _cache.GetOrAdd(template, parsed);
    }

    private (IFluidTemplate? Template, IReadOnlyList<TemplateError> Errors) Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (TemplateShapeGuard.Check(template, _limits) is { } shapeError) return (null, [shapeError]);

        Interlocked.Increment(ref _parseCount);
        if (!_parser.TryParse(template, out var parsed, out var message)) return (null, [ToError(message)]);

        var finder = new UnknownFilterFinder(_options);
        finder.VisitTemplate(parsed);
        if (finder.Unknown.Count > 0) return (null, finder.Unknown.Select(name => UnknownFilterError(template, name)).ToList());
        // A range longer than the step budget could never finish; refuse it before it is materialised.
        return (new RangeLimiter(_limits.MaxSteps).VisitTemplate(parsed), []);
    }

    private TemplateContext CreateContext(MessageModel model, MessageFormat format)
    {
        // Top-level names only, never the MessageModel object itself, so templates see exactly these five.
        var context = new TemplateContext(_options);
        context.SetValue("customer", FluidValue.Create(model.Customer, _options));
        context.SetValue("store", FluidValue.Create(model.Store, _options));
        context.SetValue("campaign", FluidValue.Create(model.Campaign, _options));
        context.SetValue("promo_code", model.PromoCode ?? "");
        context.SetValue("unsubscribe_url", model.UnsubscribeUrl ?? (format == MessageFormat.Html ? MessageModel.UnsubscribeUrlPlaceholder : ""));
        return context;
    }

    private static TemplateOptions CreateOptions(TimeProvider timeProvider, MessageTemplateOptions limits)
    {
        var zone = ResolveTimeZone(limits.TimeZoneId);
        var access = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase };
        access.Register<MessageCustomer>();
        access.Register<MessageStore>();
        access.Register<MessageCampaign>();
        var options = new TemplateOptions
        {
            MemberAccessStrategy = access,
            MaxSteps = limits.MaxSteps,
            MaxRecursion = limits.MaxRecursion,
            StrictFilters = true,
            // 'now' is the store's wall-clock time, so "today" in a message is the customer's today.
            Now = () => TimeZoneInfo.ConvertTime(timeProvider.GetUtcNow(), zone),
            TimeZone = zone,
        };
        // FileProvider stays Fluid's NullFileProvider: {% include %} and {% render %} can read nothing.
        options.Assigned = (_, value, _) => CheckLength(value, limits.MaxOutputLength);
        options.Captured = (_, value, _) => CheckLength(value, limits.MaxOutputLength);
        return options;
    }

    /// <summary>Stops <c>{% assign s = s | append: s %}</c> doubling a string until memory runs out.</summary>
    private static ValueTask<FluidValue> CheckLength(FluidValue value, int maxLength) =>
        value is StringValue s && s.ToStringValue().Length > maxLength
            ? throw new TemplateRenderException($"A value built by the template is longer than {maxLength:N0} characters.")
            : new ValueTask<FluidValue>(value);

    internal static TimeZoneInfo ResolveTimeZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static TemplateError ToError(string message)
    {
        // Parlot/Fluid: "<message> at (line:column)\nSource:\n<excerpt>".
        var firstLine = message.Split('\n', 2)[0].Trim();
        var match = ParsePosition().Match(firstLine);
        return match.Success
            ? new TemplateError(int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value), match.Groups[1].Value.Trim())
            : new TemplateError(1, 1, firstLine);
    }

    private static TemplateError UnknownFilterError(string template, string name)
    {
        var match = new Regex(@"\|\s*" + Regex.Escape(name) + @"\b").Match(template);
        return TemplateShapeGuard.At(template, match.Success ? match.Index : 0, $"Unknown filter '{name}'.");
    }

    [GeneratedRegex(@"^(.*) at \((\d+):(\d+)\)$")]
    private static partial Regex ParsePosition();
}
