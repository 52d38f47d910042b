using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Campaigns.Templates;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>Templates on SQLite: seeded once, used to prefill a campaign, saved from a campaign, deleted by their owner only.</summary>
public sealed class CampaignTemplateServiceTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CampaignTestStore store = null!;
    private ServiceProvider services = null!;
    private CampaignTemplateService templates = null!;

    private CampaignTemplateSeeder Seeder => new(store.Database);

    public async ValueTask InitializeAsync()
    {
        store = await CampaignTestStore.CreateAsync();
        services = store.Database.CampaignEditingServices();
        templates = services.GetRequiredService<CampaignTemplateService>();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Seeding_twice_leaves_one_row_per_built_in_and_restores_an_edited_one()
    {
        Assert.Equal(BuiltInCampaignTemplates.All().Count, await Seeder.SeedAsync(Ct));
        await using (var db = store.Database.CreateDbContext())
            await db.CampaignTemplates.Where(t => t.Key == BuiltInCampaignTemplates.Welcome).ExecuteUpdateAsync(s => s.SetProperty(t => t.Subject, "broken"), Ct);

        Assert.Equal(0, await Seeder.SeedAsync(Ct));

        var list = await templates.ListAsync(Ct);
        Assert.Equal(BuiltInCampaignTemplates.All().Select(t => t.Key), list.Select(t => t.Key));
        Assert.Equal(BuiltInCampaignTemplates.All()[0].Subject, list.Single(t => t.Key == BuiltInCampaignTemplates.Welcome).Subject);
    }

    [Fact]
    public async Task Two_instances_seeding_at_the_same_moment_insert_each_built_in_once()
    {
        var results = await Task.WhenAll(Seeder.SeedAsync(Ct), Seeder.SeedAsync(Ct), Seeder.SeedAsync(Ct));

        Assert.Equal(BuiltInCampaignTemplates.All().Count, results.Sum());
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(BuiltInCampaignTemplates.All().Count, await db.CampaignTemplates.CountAsync(Ct));
    }

    [Fact]
    public async Task Using_a_template_prefills_type_content_and_the_suggested_segments_found_by_name()
    {
        await Seeder.SeedAsync(Ct);
        var newThisMonth = await store.SegmentAsync("new THIS month", CampaignTestStore.Customer("Ani"));
        var restock = (await templates.ListAsync(Ct)).Single(t => t.Key == BuiltInCampaignTemplates.Welcome);

        var prefill = await templates.PrefillAsync(restock.Id, Ct);

        Assert.NotNull(prefill);
        Assert.Equal(CampaignType.Email, prefill.Form.Type);
        Assert.Equal("Welcome new customers", prefill.Form.Name);
        Assert.Equal(restock.Subject, prefill.Form.EmailSubject);
        Assert.Equal(Core.Email.Content.EmailEditorMode.Blocks, prefill.Form.EmailEditorMode);
        Assert.Contains(prefill.Form.EmailBlocks!.Blocks, b => b is Core.Email.Content.HeadingBlock { Text: var text } && text.Contains("customer.first_name | default: \"friend\"", StringComparison.Ordinal));
        Assert.Equal([newThisMonth], prefill.Form.IncludeSegments);
        Assert.Empty(prefill.MissingSegments);
        // The prefilled form is valid as it stands: it saves.
        var saved = await services.GetRequiredService<CampaignService>().CreateAsync(prefill.Form, store.AdminId, Ct);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
    }

    [Fact]
    public async Task A_suggested_segment_the_store_lacks_is_reported_not_guessed()
    {
        await Seeder.SeedAsync(Ct);
        var restock = (await templates.ListAsync(Ct)).Single(t => t.Key == BuiltInCampaignTemplates.RestockReminder);
        var dogOwners = await store.SegmentAsync("Dog owners", CampaignTestStore.Customer("Budi"));

        var prefill = await templates.PrefillAsync(restock.Id, Ct);

        Assert.Equal([dogOwners], prefill!.Form.IncludeSegments);
        Assert.Equal(["Cat owners in Jakarta"], prefill.MissingSegments);
        Assert.Null(await templates.PrefillAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Saving_a_campaign_as_a_template_keeps_its_content_and_audience_by_segment_name()
    {
        var vip = await store.SegmentAsync("VIP", CampaignTestStore.Customer("Ani"));
        var lapsed = await store.SegmentAsync("Lapsed", CampaignTestStore.Customer("Budi"));
        var campaignId = await store.EmailCampaignAsync([vip], [lapsed], subject: "Hello {{ customer.first_name }}", body: "<p>Our news</p>");

        var result = await templates.SaveFromCampaignAsync(new SaveAsTemplateForm(campaignId, "  VIP newsletter ", null), store.AdminId, Ct);

        Assert.True(result.Succeeded);
        var saved = result.Value!;
        Assert.Equal("VIP newsletter", saved.Name);
        Assert.False(saved.IsBuiltin);
        Assert.Null(saved.Key);
        Assert.Equal(store.AdminId, saved.CreatedBy);
        Assert.Equal(("Hello {{ customer.first_name }}", "<p>Our news</p>"), (saved.Subject, saved.EmailContent));
        Assert.Equal(["VIP"], saved.IncludeSegmentNames);
        Assert.Equal(["Lapsed"], saved.ExcludeSegmentNames);
        var prefill = await templates.PrefillAsync(saved.Id, Ct);
        Assert.Equal([vip], prefill!.Form.IncludeSegments);
        Assert.Equal([lapsed], prefill.Form.ExcludeSegments);
    }

    [Fact]
    public async Task Saving_as_a_template_needs_a_new_name_and_an_existing_campaign()
    {
        var segment = await store.SegmentAsync("VIP", CampaignTestStore.Customer("Ani"));
        var campaignId = await store.EmailCampaignAsync([segment]);
        Assert.True((await templates.SaveFromCampaignAsync(new(campaignId, "Mine", null), store.AdminId, Ct)).Succeeded);

        var blank = await templates.SaveFromCampaignAsync(new(campaignId, " ", null), store.AdminId, Ct);
        var taken = await templates.SaveFromCampaignAsync(new(campaignId, "MINE", null), store.AdminId, Ct);
        var missing = await templates.SaveFromCampaignAsync(new(Guid.NewGuid(), "Other", null), store.AdminId, Ct);

        Assert.Equal(["Give the template a name."], blank.Errors["name"]);
        Assert.Contains("exists already", taken.Errors["name"][0]);
        Assert.Equal(SaveStatus.NotFound, missing.Status);
        Assert.Single(await templates.ListAsync(Ct));
    }

    [Fact]
    public async Task Only_the_owner_deletes_a_saved_template_and_built_ins_are_never_deleted()
    {
        await Seeder.SeedAsync(Ct);
        var colleague = Guid.NewGuid().ToString();
        await store.Database.AddAsync(new ApplicationUser { Id = colleague, UserName = "colleague@test", Email = "colleague@test" });
        var campaignId = await store.EmailCampaignAsync([await store.SegmentAsync("VIP", CampaignTestStore.Customer("Ani"))]);
        var mine = (await templates.SaveFromCampaignAsync(new(campaignId, "Mine", null), store.AdminId, Ct)).Value!;
        var welcome = (await templates.ListAsync(Ct)).Single(t => t.Key == BuiltInCampaignTemplates.Welcome);

        var builtIn = await templates.DeleteAsync(welcome.Id, store.AdminId, Ct);
        var notMine = await templates.DeleteAsync(mine.Id, colleague, Ct);
        var own = await templates.DeleteAsync(mine.Id, store.AdminId, Ct);
        var again = await templates.DeleteAsync(mine.Id, store.AdminId, Ct);

        Assert.Equal((SaveStatus.Conflict, "Built-in templates cannot be deleted."), (builtIn.Status, builtIn.Message));
        Assert.Equal(SaveStatus.Conflict, notMine.Status);
        Assert.Equal(SaveStatus.Ok, own.Status);
        Assert.Equal(SaveStatus.NotFound, again.Status);
        var left = await templates.ListAsync(Ct);
        Assert.Equal(BuiltInCampaignTemplates.All().Count, left.Count);
        Assert.All(left, t => Assert.True(t.IsBuiltin));
    }
}
