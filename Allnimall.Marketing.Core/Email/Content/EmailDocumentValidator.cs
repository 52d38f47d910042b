namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// Field errors of an <see cref="EmailDocument"/>, keyed <c>&lt;prefix&gt;.Blocks[i].Field</c> (or <c>&lt;prefix&gt;.Settings.Field</c>).
/// Only what would make a broken or unsafe email is an error (a button with no address, a <c>javascript:</c> link, a
/// colour that is not #rgb/#rrggbb); what is merely unwise (an image without alt text) is left to the pre-send checklist.
/// </summary>
public static class EmailDocumentValidator
{
    public const int MaxTextLength = 50_000;
    public const int MaxLineLength = 500;

    public static Dictionary<string, string[]> Validate(EmailDocument document, string prefix)
    {
        var errors = new Dictionary<string, string[]>();
        var settings = document.Settings ?? new EmailDocumentSettings();
        var s = $"{prefix}.Settings";
        if (settings.Preheader is { Length: > 255 }) errors[$"{s}.Preheader"] = ["The preheader is limited to 255 characters."];
        Colour(settings.BackgroundColor, $"{s}.BackgroundColor", errors, required: true);
        Colour(settings.ContentBackgroundColor, $"{s}.ContentBackgroundColor", errors, required: true);
        Colour(settings.TextColor, $"{s}.TextColor", errors, required: true);
        Colour(settings.AccentColor, $"{s}.AccentColor", errors, required: true);
        var blocks = document.Blocks ?? [];
        if (blocks.Count == 0) errors[$"{prefix}.Blocks"] = ["Add at least one block."];
        if (blocks.Count > EmailDocument.MaxBlocks) errors[$"{prefix}.Blocks"] = [$"An email is limited to {EmailDocument.MaxBlocks} blocks."];
        for (var i = 0; i < blocks.Count; i++)
        {
            var key = $"{prefix}.Blocks[{i}]";
            if (blocks[i] is null) { errors[key] = ["A block is missing (null)."]; continue; }
            ValidateBlock(blocks[i], key, errors);
        }
        return errors;
    }

    private static void ValidateBlock(EmailBlock block, string key, Dictionary<string, string[]> errors)
    {
        switch (block)
        {
            case HeaderBlock header:
                ImageUrl(header.LogoUrl, $"{key}.LogoUrl", errors, required: false);
                Link(header.LinkUrl, $"{key}.LinkUrl", errors, required: false);
                Line(header.StoreName, $"{key}.StoreName", errors);
                Line(header.LogoAlt, $"{key}.LogoAlt", errors);
                if (header.LogoWidth is < 40 or > EmailDocumentRenderer.ContainerWidth) errors[$"{key}.LogoWidth"] = ["The logo width is 40 to 600 pixels."];
                break;
            case HeadingBlock heading:
                if (string.IsNullOrWhiteSpace(heading.Text)) errors[$"{key}.Text"] = ["Write the heading."];
                else Line(heading.Text, $"{key}.Text", errors);
                if (heading.Level is < 1 or > 2) errors[$"{key}.Level"] = ["A heading is level 1 or 2."];
                break;
            case TextBlock text:
                if (string.IsNullOrWhiteSpace(text.Html)) errors[$"{key}.Html"] = ["Write the text."];
                else if (text.Html.Length > MaxTextLength) errors[$"{key}.Html"] = [$"A text block is limited to {MaxTextLength:N0} characters."];
                break;
            case ImageBlock image:
                ImageUrl(image.Src, $"{key}.Src", errors, required: true);
                Link(image.LinkUrl, $"{key}.LinkUrl", errors, required: false);
                Line(image.Alt, $"{key}.Alt", errors);
                if (image.Width is < 20 or > EmailDocumentRenderer.ContainerWidth) errors[$"{key}.Width"] = ["The width is 20 to 600 pixels."];
                break;
            case ButtonBlock button:
                if (string.IsNullOrWhiteSpace(button.Label)) errors[$"{key}.Label"] = ["Write the button's text."];
                else Line(button.Label, $"{key}.Label", errors);
                Link(button.Url, $"{key}.Url", errors, required: true);
                Colour(button.BackgroundColor, $"{key}.BackgroundColor", errors, required: false);
                Colour(button.TextColor, $"{key}.TextColor", errors, required: false);
                break;
            case DividerBlock divider:
                Colour(divider.Color, $"{key}.Color", errors, required: false);
                break;
            case SpacerBlock spacer:
                if (spacer.Height is < 0 or > SpacerBlock.MaxHeight) errors[$"{key}.Height"] = [$"The height is 0 to {SpacerBlock.MaxHeight} pixels."];
                break;
            case ProductGridBlock grid:
                var products = grid.Products ?? [];
                if (products.Count == 0) errors[$"{key}.Products"] = ["Pick at least one product."];
                else if (products.Count > ProductGridBlock.MaxProducts) errors[$"{key}.Products"] = [$"A grid shows at most {ProductGridBlock.MaxProducts} products."];
                if (grid.Columns is < 2 or > 3) errors[$"{key}.Columns"] = ["A grid has 2 or 3 columns."];
                Line(grid.ButtonLabel, $"{key}.ButtonLabel", errors);
                for (var i = 0; i < products.Count; i++)
                {
                    if (products[i] is null) { errors[$"{key}.Products[{i}]"] = ["A product is missing (null)."]; continue; }
                    ImageUrl(products[i].ImageUrl, $"{key}.Products[{i}].ImageUrl", errors, required: false);
                    Link(products[i].Url, $"{key}.Products[{i}].Url", errors, required: false);
                }
                break;
            case CouponBlock coupon:
                if (string.IsNullOrWhiteSpace(coupon.Code)) errors[$"{key}.Code"] = ["Give the code to show, or {{ promo_code }} for each recipient's own."];
                else Line(coupon.Code, $"{key}.Code", errors);
                Line(coupon.Title, $"{key}.Title", errors);
                Line(coupon.Note, $"{key}.Note", errors);
                break;
            case SocialLinksBlock social:
                var links = social.Links ?? [];
                if (links.Count == 0) errors[$"{key}.Links"] = ["Add at least one link."];
                for (var i = 0; i < links.Count; i++)
                {
                    if (links[i] is null) { errors[$"{key}.Links[{i}]"] = ["A link is missing (null)."]; continue; }
                    if (string.IsNullOrWhiteSpace(links[i].Platform)) errors[$"{key}.Links[{i}].Platform"] = ["Name the platform."];
                    else Line(links[i].Platform, $"{key}.Links[{i}].Platform", errors);
                    Link(links[i].Url, $"{key}.Links[{i}].Url", errors, required: true);
                }
                break;
            case FooterBlock footer:
                Line(footer.StoreName, $"{key}.StoreName", errors);
                Line(footer.Address, $"{key}.Address", errors);
                Line(footer.Note, $"{key}.Note", errors);
                Line(footer.UnsubscribeText, $"{key}.UnsubscribeText", errors);
                Line(footer.PreferencesText, $"{key}.PreferencesText", errors);
                break;
        }
    }

    private static void Link(string? url, string field, Dictionary<string, string[]> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            if (required) errors[field] = ["Enter the link's address (https://…, mailto:, tel: or a Liquid value such as {{ store.url }})."];
            return;
        }
        if (url.Length > 2000) errors[field] = ["An address is limited to 2000 characters."];
        else if (!EmailUrls.IsSafeLink(url)) errors[field] = ["Use an https://, http://, mailto: or tel: address, or one that starts with a Liquid value."];
    }

    private static void ImageUrl(string? url, string field, Dictionary<string, string[]> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            if (required) errors[field] = ["Enter the image's address (https://…)."];
            return;
        }
        if (url.Length > 2000) errors[field] = ["An address is limited to 2000 characters."];
        else if (!EmailUrls.IsSafeImage(url)) errors[field] = ["Use an https:// or http:// image address."];
    }

    private static void Colour(string? value, string field, Dictionary<string, string[]> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors[field] = ["Choose a colour (#rrggbb)."];
            return;
        }
        if (!EmailDocumentRenderer.IsColour(value)) errors[field] = ["Use a colour like #1a2b3c."];
    }

    private static void Line(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is { Length: > MaxLineLength }) errors[field] = [$"Limited to {MaxLineLength} characters."];
    }
}
