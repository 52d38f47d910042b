using System.Security.Claims;
using System.Text.Json;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Email.Settings;
using Allnimall.Marketing.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// Settings → Email for admins (settings.manage): <c>GET/PUT/DELETE /api/marketing/settings/email</c> (DELETE returns to
/// configuration alone), <c>POST …/test-connection</c> (SMTP relay or bounce mailbox, with the body's unsaved settings
/// when given) and <c>POST …/send-test</c>. A test that reached the server answers 200 with <c>succeeded</c> and the
/// server's answer, whichever way it went; bad input is a 400 problem. Not behind the subscription gate, like the other
/// settings.
/// </summary>
public static class EmailSettingsEndpoints
{
    public sealed record TestConnectionRequest(ConnectionTarget Target, EmailSettingsForm? Settings);

    public sealed record SendTestRequest(string? Recipient);

    public static RouteGroupBuilder MapEmailSettingsEndpoints(this RouteGroupBuilder api)
    {
        // The service validates (field rules and the configuration-dependent ones) and its errors are keyed as the API
        // spells fields; the framework's own DataAnnotations pass would answer first, with C# property names.
        var group = api.MapGroup("/settings/email").WithTags("Settings").RequireAuthorization(Permissions.SettingsManage)
            .DisableValidation();
        group.MapGet("", async (EmailSettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAsync(ct)))
            .WithName("GetEmailSettings");
        group.MapPut("", SaveAsync).WithName("SaveEmailSettings");
        group.MapDelete("", async (EmailSettingsService settings, CancellationToken ct) =>
        {
            await settings.ResetAsync(ct);
            return TypedResults.NoContent();
        }).WithName("ResetEmailSettings");
        group.MapPost("/test-connection", TestConnectionAsync).WithName("TestEmailConnection");
        group.MapPost("/send-test", SendTestAsync).WithName("SendEmailSettingsTest");
        return api;
    }

    /// <summary>Field errors keyed as the API spells fields, per path segment: "SenderIdentities[1].Address" → "sender_identities[1].address".</summary>
    internal static Dictionary<string, string[]> FieldErrors(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => string.Join('.', e.Key.Split('.').Select(SnakeCase)), e => e.Value);

    private static string SnakeCase(string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0
            ? JsonNamingPolicy.SnakeCaseLower.ConvertName(segment)
            : JsonNamingPolicy.SnakeCaseLower.ConvertName(segment[..bracket]) + segment[bracket..];
    }

    private static async Task<Results<Ok<EmailSettingsView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        EmailSettingsForm form, ClaimsPrincipal user, EmailSettingsService settings, CancellationToken ct)
    {
        var result = await settings.SaveAsync(form, user.Identity?.Name, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(FieldErrors(result.Errors)),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<Ok<ConnectionTestResult>, ValidationProblem>> TestConnectionAsync(
        TestConnectionRequest request, EmailSettingsService settings, CancellationToken ct)
    {
        var result = await settings.TestConnectionAsync(request.Target, request.Settings, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : TypedResults.ValidationProblem(FieldErrors(result.Errors));
    }

    private static async Task<Results<Ok<SettingsTestSendResult>, ValidationProblem>> SendTestAsync(
        SendTestRequest request, EmailSettingsService settings, CancellationToken ct)
    {
        var result = await settings.SendTestAsync(request.Recipient, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : TypedResults.ValidationProblem(FieldErrors(result.Errors));
    }
}
