using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Allnimall.Marketing.Web.Api;

/// <summary>The problem details every endpoint group answers the same way.</summary>
internal static class ApiProblems
{
    /// <summary>A service's field errors keyed as the API spells its fields (snake_case).</summary>
    public static Dictionary<string, string[]> FieldErrors(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => string.Join('.', e.Key.Split('.').Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)), e => e.Value);

    /// <summary>409: the request is well formed but the resource's state refuses it (the message says why).</summary>
    public static ProblemHttpResult Conflict(string? message) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: message);
}
