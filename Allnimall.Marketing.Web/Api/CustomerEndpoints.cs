using System.Globalization;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// <c>GET /api/marketing/customers</c> (paged, sorted, searchable, filterable) and <c>GET /api/marketing/customers/{id}</c>
/// for staff with <c>customers.view</c> and API keys with <c>customers:read</c>. PII follows <see cref="CustomerPiiAccess"/>.
/// </summary>
public static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers").RequireAuthorization(Policies.CustomersRead);
        customers.MapGet("/", ListAsync).WithName("ListCustomers");
        customers.MapGet("/{id:guid}", GetAsync).WithName("GetCustomer");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<CustomerListItem>>, ValidationProblem>> ListAsync(
        [AsParameters] CustomerListRequest request, HttpContext http, CustomerService customers, CancellationToken ct)
    {
        var (query, errors) = request.ToQuery();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await customers.ListAsync(query, CustomerPiiAccess.CanSeePii(http.User), ct));
    }

    private static async Task<Results<Ok<CustomerDetailView>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, CustomerService customers, CancellationToken ct)
    {
        var detail = await customers.GetDetailAsync(id, CustomerPiiAccess.CanSeePii(http.User), ct);
        return detail is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found",
                detail: $"No customer has id {id}.")
            : TypedResults.Ok(detail);
    }

    /// <summary>
    /// Query parameters arrive as text and are parsed here, so a malformed value ("page=abc", "gender=x") becomes a
    /// field error in a 400 validation problem rather than a binding failure without details.
    /// </summary>
    internal sealed record CustomerListRequest(
        [FromQuery(Name = "page")] string? Page,
        [FromQuery(Name = "page_size")] string? PageSize,
        [FromQuery(Name = "sort")] string? Sort,
        [FromQuery(Name = "desc")] string? Desc,
        [FromQuery(Name = "search")] string? Search,
        [FromQuery(Name = "city")] string? City,
        [FromQuery(Name = "country")] string? Country,
        [FromQuery(Name = "gender")] string? Gender,
        [FromQuery(Name = "active")] string? Active,
        [FromQuery(Name = "email_consent")] string? EmailConsent,
        [FromQuery(Name = "sms_consent")] string? SmsConsent)
    {
        public (CustomerGridQuery Query, Dictionary<string, string[]> Errors) ToQuery()
        {
            var errors = new Dictionary<string, string[]>();
            var query = new CustomerGridQuery
            {
                Page = QueryParameters.ParseInt(Page, "page", 1, errors),
                PageSize = QueryParameters.ParseInt(PageSize, "page_size", GridQuery.DefaultPageSize, errors),
                SortBy = string.IsNullOrWhiteSpace(Sort) ? null : Sort.Trim(),
                Descending = QueryParameters.ParseBool(Desc, "desc", errors) ?? false,
                Search = Search,
                City = string.IsNullOrWhiteSpace(City) ? null : City.Trim(),
                Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim(),
                Gender = ParseGender(Gender, errors),
                IsActive = QueryParameters.ParseBool(Active, "active", errors),
                EmailConsent = QueryParameters.ParseBool(EmailConsent, "email_consent", errors),
                SmsConsent = QueryParameters.ParseBool(SmsConsent, "sms_consent", errors),
            };
            foreach (var (field, messages) in query.Validate()) errors.TryAdd(field, messages);
            return (query, errors);
        }

        private static Gender? ParseGender(string? text, Dictionary<string, string[]> errors)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var match = Enum.GetValues<Gender>().Where(g => SnakeCaseEnumConverter<Gender>.ToDbValue(g) == text.Trim().ToLowerInvariant()).ToList();
            if (match.Count == 1) return match[0];
            errors["gender"] = [$"Use one of: {string.Join(", ", Enum.GetValues<Gender>().Select(SnakeCaseEnumConverter<Gender>.ToDbValue))}."];
            return null;
        }
    }
}
