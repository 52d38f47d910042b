using System.Security.Claims;
using Allnimall.Marketing.Core.Campaigns.Templates;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// Campaign templates: list (campaigns.view); save a campaign as a template and delete one's own (campaigns.manage).
/// Built-in templates are seeded at start-up and cannot be deleted (409).
/// </summary>
public static class CampaignTemplateEndpoints
{
    public static RouteGroupBuilder MapCampaignTemplateEndpoints(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/campaign-templates").WithTags("Campaigns");
        templates.MapGet("/", ListAsync).WithName("ListCampaignTemplates").RequireAuthorization(Permissions.CampaignsView);
        templates.MapPost("/", CreateAsync).WithName("CreateCampaignTemplate").RequireAuthorization(Permissions.CampaignsManage);
        templates.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCampaignTemplate").RequireAuthorization(Permissions.CampaignsManage);
        return api;
    }

    /// <summary>"Save as template": the campaign to copy content and audience from, and the template's name.</summary>
    public sealed record CreateTemplateRequest(Guid? CampaignId, string? Name, string? Description);

    private static async Task<Ok<IReadOnlyList<CampaignTemplateView>>> ListAsync(CampaignTemplateService templates, CancellationToken ct) =>
        TypedResults.Ok(await templates.ListAsync(ct));

    private static async Task<Results<Created<CampaignTemplateView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateTemplateRequest request, ClaimsPrincipal user, CampaignTemplateService templates, CancellationToken ct)
    {
        if (request.CampaignId is not { } campaignId)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["campaign_id"] = ["Say which campaign to save as a template."] });
        var result = await templates.SaveFromCampaignAsync(new SaveAsTemplateForm(campaignId, request.Name, request.Description),
            user.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Created($"/api/marketing/campaign-templates/{result.Value!.Id}", result.Value),
            SaveStatus.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found", detail: $"No campaign has id {campaignId}."),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, CampaignTemplateService templates,
        CancellationToken ct)
    {
        var result = await templates.DeleteAsync(id, user.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.NoContent(),
            SaveStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Template not found", detail: $"No template has id {id}."),
            _ => ApiProblems.Conflict(result.Message),
        };
    }
}
