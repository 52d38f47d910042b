using System.Text.Json;
using System.Text.Json.Serialization;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// An email built from blocks (the block editor's model). Rendered once, at save, into email-safe HTML by
/// <see cref="EmailDocumentRenderer"/>; the JSON is stored beside that HTML so the editor can open it again.
/// <code>
/// new EmailDocument
/// {
///     Settings = new() { Preheader = "20% off this weekend" },
///     Blocks = [new HeaderBlock(), new HeadingBlock { Text = "Hi {{ customer.first_name }}" }, new FooterBlock()],
/// }
/// </code>
/// </summary>
public sealed class EmailDocument
{
    public const int MaxBlocks = 100;

    /// <summary>The stored form: camelCase, enums as names, independent of the API's JSON settings.</summary>
    public static readonly JsonSerializerOptions StorageJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        AllowOutOfOrderMetadataProperties = true,
    };

    // JSON may say null: the defaults stand in, so no renderer or validator meets a null collection.
    public EmailDocumentSettings Settings { get; set => field = value ?? new(); } = new();
    public List<EmailBlock> Blocks { get; set => field = value ?? []; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, StorageJson);

    /// <summary>Throws <see cref="JsonException"/> on JSON that is not a document.</summary>
    public static EmailDocument FromJson(string json) =>
        JsonSerializer.Deserialize<EmailDocument>(json, StorageJson) ?? throw new JsonException("The email document is empty.");

    public EmailDocument Clone() => new() { Settings = Settings.Clone(), Blocks = Blocks.Select(b => b.Clone()).ToList() };

    /// <summary>A starting point for a new email: header, heading, text, button, footer.</summary>
    public static EmailDocument Starter() => new()
    {
        Blocks =
        [
            new HeaderBlock(),
            new HeadingBlock { Text = "Hello {{ customer.first_name | default: 'there' }}" },
            new TextBlock { Html = "<p>Write your message here.</p>" },
            new ButtonBlock { Label = "Visit the store", Url = "{{ store.url }}" },
            new FooterBlock(),
        ],
    };
}
