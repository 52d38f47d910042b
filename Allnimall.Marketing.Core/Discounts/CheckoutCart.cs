namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// A cart as the store's checkout sends it, with the store's own ids (the ids order and product ingest use).
/// </summary>
public sealed record CheckoutCart(string? CustomerId, IReadOnlyList<CheckoutLine>? Lines, decimal Shipping = 0, IReadOnlyList<string>? Codes = null)
{
    public const int MaxLines = 200;
    public const int MaxCodes = 10;

    /// <summary>Field errors keyed by the API's field names (snake_case), empty when the cart is well formed.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (CustomerId is { Length: > 100 }) errors["customer_id"] = ["The customer id is at most 100 characters."];
        if (Lines is null || Lines.Count == 0) errors["lines"] = ["The cart needs at least one line."];
        else if (Lines.Count > MaxLines) errors["lines"] = [$"A cart has at most {MaxLines} lines."];
        else
            for (var i = 0; i < Lines.Count; i++)
            {
                var line = Lines[i];
                if (line is null) { errors[$"lines[{i}]"] = ["A line is an object."]; continue; }
                if (string.IsNullOrWhiteSpace(line.ProductId) || line.ProductId.Length > 100)
                    errors[$"lines[{i}].product_id"] = ["Each line names its product (at most 100 characters)."];
                if (line.CategoryId is { Length: > 100 }) errors[$"lines[{i}].category_id"] = ["The category id is at most 100 characters."];
                if (line.Quantity is < 1 or > 100_000) errors[$"lines[{i}].quantity"] = ["Quantity is 1 to 100,000."];
                if (line.UnitPrice is < 0 or > 1_000_000_000) errors[$"lines[{i}].unit_price"] = ["The unit price is 0 to 1,000,000,000."];
            }
        if (Shipping is < 0 or > 1_000_000_000) errors["shipping"] = ["Shipping is 0 to 1,000,000,000."];
        if (Codes is { Count: > MaxCodes }) errors["codes"] = [$"At most {MaxCodes} codes per cart."];
        else if (Codes?.Any(c => c is null || c.Length > PromoCodeGenerator.MaxCodeLength) == true)
            errors["codes"] = ["A code is at most 64 characters."];
        return errors;
    }
}

/// <summary>One cart line: the store's product id and (optionally) category id, quantity and unit price.</summary>
public sealed record CheckoutLine(string ProductId, string? CategoryId, int Quantity, decimal UnitPrice);
