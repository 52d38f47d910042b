using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Api.Email;

/// <summary>Settings → Email over HTTP: admins only, field errors as problem details, a save applies to the next send.</summary>
public sealed class EmailSettingsApiTests(EmailSettingsApiTests.App app) : IClassFixture<EmailSettingsApiTests.App>
{
    public sealed class App : MarketingAppFactory;

    private const string Url = "/api/marketing/settings/email";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static object Settings(string from, string? storeAddress = "Jl. Kemang 5, Jakarta") => new
    {
        transport = "outbox", from_address = from, from_name = "Pet Shop", store_name = "Toko Kucing", store_address = storeAddress,
        smtp_port = 587, smtp_tls = "start_tls", smtp_messages_per_second = 10, bounce_protocol = "imap", bounce_port = 993, bounce_tls = "ssl_on_connect",
        sender_identities = new[] { new { name = "News", address = "news@petshop.example" } },
    };

    [Fact]
    public async Task An_admin_saves_reads_back_sends_a_test_and_returns_to_configuration()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Admin);

        var saved = await client.PutAsync(Url, Json(Settings("hello@petshop.example")), Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await client.GetFromJsonAsync<JsonElement>(Url, Ct);
        Assert.True(view.GetProperty("saved").GetBoolean());
        Assert.Equal("hello@petshop.example", view.GetProperty("settings").GetProperty("from_address").GetString());
        Assert.Equal("news@petshop.example", view.GetProperty("settings").GetProperty("sender_identities")[0].GetProperty("address").GetString());
        var secrets = view.GetProperty("secrets").EnumerateArray().Select(s => s.GetProperty("environment_variable").GetString()).ToList();
        Assert.Contains("Email__Smtp__Password", secrets);
        Assert.DoesNotContain("password\":\"", view.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var test = await client.PostAsync($"{Url}/send-test", Json(new { recipient = "owner@example.com" }), Ct);
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        var answer = await test.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(answer.GetProperty("succeeded").GetBoolean(), answer.GetRawText());
        Assert.Equal("outbox", answer.GetProperty("transport").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(Url, Ct)).StatusCode);
        Assert.False((await client.GetFromJsonAsync<JsonElement>(Url, Ct)).GetProperty("saved").GetBoolean());
    }

    [Fact]
    public async Task Bad_values_are_400_problems_with_field_errors()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Admin);

        var bad = await client.PutAsync(Url, Json(Settings("not-an-address")), Ct);
        var badSender = await client.PutAsync(Url, Json(new
        {
            transport = "outbox", from_address = "a@petshop.example", store_name = "Toko", smtp_port = 587, smtp_messages_per_second = 10,
            bounce_port = 993, sender_identities = new[] { new { name = "News", address = "news@" } },
        }), Ct);
        var noRecipient = await client.PostAsync($"{Url}/send-test", Json(new { recipient = "nobody" }), Ct);
        var noHost = await client.PostAsync($"{Url}/test-connection", Json(new { target = "smtp", settings = Settings("a@petshop.example") }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("from_address", out _), problem.GetRawText());
        var senderProblem = await badSender.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(senderProblem.GetProperty("errors").TryGetProperty("sender_identities[0].address", out _), senderProblem.GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, noRecipient.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noHost.StatusCode);
        Assert.True((await noHost.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("smtp_host", out _));
    }

    [Fact]
    public async Task Marketers_may_not_read_or_change_email_settings()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync(Url, Json(Settings("x@petshop.example")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Url}/send-test", Json(new { recipient = "a@example.com" }), Ct)).StatusCode);
    }
}
