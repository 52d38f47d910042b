using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Api.Email;

/// <summary>The suppression list over HTTP: codes, problem details, and who may use it.</summary>
public sealed class EmailSuppressionApiTests(EmailSuppressionApiTests.App app) : IClassFixture<EmailSuppressionApiTests.App>
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Add_list_search_and_remove_an_address()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var address = $"api-{Guid.NewGuid():N}@Example.com";

        var created = await client.PostAsync("/api/marketing/email-suppressions", Json(new { email = address, note = "asked by phone" }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(address.ToLowerInvariant(), item.GetProperty("email").GetString());
        Assert.Equal("manual", item.GetProperty("reason").GetString());
        Assert.StartsWith("staff: ", item.GetProperty("source").GetString(), StringComparison.Ordinal);

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/email-suppressions?search={address[..12]}&reason=manual", Ct);
        Assert.Equal(1, page.GetProperty("total_count").GetInt32());

        var id = item.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/marketing/email-suppressions/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/marketing/email-suppressions/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_second_add_of_the_same_address_is_409_and_bad_input_is_a_field_error()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var address = $"dup-{Guid.NewGuid():N}@example.com";
        await client.PostAsync("/api/marketing/email-suppressions", Json(new { email = address }), Ct);

        var duplicate = await client.PostAsync("/api/marketing/email-suppressions", Json(new { email = address.ToUpperInvariant() }), Ct);
        var badEmail = await client.PostAsync("/api/marketing/email-suppressions", Json(new { email = "nope" }), Ct);
        var badReason = await client.PostAsync("/api/marketing/email-suppressions", Json(new { email = "x@example.com", reason = "bored" }), Ct);
        var badQuery = await client.GetAsync("/api/marketing/email-suppressions?sort=password&page=0", Ct);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.True((await badEmail.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("email", out _));
        Assert.True((await badReason.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));
        var queryErrors = (await badQuery.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(queryErrors.TryGetProperty("sort", out _));
        Assert.True(queryErrors.TryGetProperty("page", out _));
    }

    [Fact]
    public async Task The_store_owner_who_sees_masked_contact_data_may_not_read_the_list()
    {
        var client = await app.CreateApiClientAsAsync(Roles.StoreOwner);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/marketing/email-suppressions", Ct)).StatusCode);
    }
}
