using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

public sealed class CampaignServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CampaignService Service(CampaignTestStore store) => store.CampaignService();

    private static CampaignForm EmailForm(Guid segment, string name = "Welcome") => new()
    {
        Name = name, Type = CampaignType.Email, IncludeSegments = [segment],
        EmailSubject = "Hi {{ customer.first_name }}", EmailContent = "<p>Hello {{ customer.first_name | default: \"friend\" }}</p>",
    };

    private static async Task<(CampaignTestStore Store, CampaignService Service, Guid Segment)> SetUpAsync()
    {
        var store = await CreateAsync();
        var segment = await store.SegmentAsync("Friends", Customer("Ani"), Customer("Budi"), Customer("NoConsent", email: false, sms: true));
        return (store, Service(store), segment);
    }

    private static async Task SetStatusAsync(CampaignTestStore store, Guid id, CampaignStatus status)
    {
        await using var db = store.Database.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status), Ct);
    }

    private static async Task<Guid> CampaignInAsync(CampaignTestStore store, CampaignService service, Guid segment, CampaignStatus status)
    {
        var created = await service.CreateAsync(EmailForm(segment), store.AdminId, Ct);
        var id = created.Value!.Id;
        await SetStatusAsync(store, id, status);
        return id;
    }

    [Fact]
    public async Task Create_saves_an_email_draft_with_its_content_audience_and_a_history_entry()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;

        var result = await service.CreateAsync(EmailForm(segment), store.AdminId, Ct);

        Assert.True(result.Succeeded);
        var campaign = result.Value!;
        Assert.Equal(CampaignStatus.Draft, campaign.Status);
        Assert.Equal("Hi {{ customer.first_name }}", campaign.Email!.Subject);
        Assert.Equal([segment], campaign.Audience.IncludeSegments);
        Assert.Equal(store.AdminId, campaign.CreatedBy);
        var entry = Assert.Single(campaign.History);
        Assert.Equal(CampaignAction.Created, entry.Action);
        Assert.Equal(CampaignStatus.Draft, entry.ToStatus);
        Assert.Equal("admin@test", entry.UserEmail);
    }

    [Fact]
    public async Task Validation_reports_each_field_and_a_Liquid_syntax_error_with_line_and_column()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var form = new CampaignForm
        {
            Name = " ", Type = CampaignType.Email, StartDate = Now.AddDays(2), EndDate = Now.AddDays(1),
            IncludeSegments = [Guid.NewGuid()], EmailSubject = "Hi", EmailContent = "<p>Hello</p>\n<p>{{ customer.first_name </p>",
            SenderEmail = "not an address",
        };

        var result = await service.CreateAsync(form, store.AdminId, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains(nameof(CampaignForm.Name), result.Errors.Keys);
        Assert.Contains(nameof(CampaignForm.EndDate), result.Errors.Keys);
        Assert.Contains(nameof(CampaignForm.IncludeSegments), result.Errors.Keys);
        Assert.Contains(nameof(CampaignForm.SenderEmail), result.Errors.Keys);
        Assert.StartsWith("line 2, column ", Assert.Single(result.Errors[nameof(CampaignForm.EmailContent)]), StringComparison.Ordinal);
        await using var db = store.Database.CreateDbContext();
        Assert.False(await db.Campaigns.AnyAsync(Ct));
        Assert.Equal(segment, (await db.CustomerSegments.SingleAsync(Ct)).Id);
    }

    [Fact]
    public async Task Type_specific_fields_are_required_for_sms_and_social_and_a_discount_is_refused_here()
    {
        var (store, service, _) = await SetUpAsync();
        await using var __ = store;

        var sms = await service.CreateAsync(new CampaignForm { Name = "S", Type = CampaignType.Sms }, store.AdminId, Ct);
        var social = await service.CreateAsync(new CampaignForm { Name = "P", Type = CampaignType.Social }, store.AdminId, Ct);
        var discount = await service.CreateAsync(new CampaignForm { Name = "D", Type = CampaignType.Discount }, store.AdminId, Ct);
        var post = await service.CreateAsync(new CampaignForm
        {
            Name = "Post", Type = CampaignType.Social, SocialPlatforms = [SocialPlatform.Facebook, SocialPlatform.Instagram], SocialContent = "New food!",
        }, store.AdminId, Ct);

        Assert.Contains(nameof(CampaignForm.SmsMessage), sms.Errors.Keys);
        Assert.Contains(nameof(CampaignForm.SocialPlatforms), social.Errors.Keys);
        Assert.Contains(nameof(CampaignForm.SocialContent), social.Errors.Keys);
        Assert.Contains(nameof(CampaignForm.Type), discount.Errors.Keys);
        Assert.Equal([SocialPlatform.Facebook, SocialPlatform.Instagram], post.Value!.Social!.Platforms);
    }

    [Fact]
    public async Task Update_changes_a_draft_but_an_active_campaign_or_a_stale_version_is_a_conflict()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var created = (await service.CreateAsync(EmailForm(segment), store.AdminId, Ct)).Value!;

        var changed = EmailForm(segment, "Renamed");
        changed.Version = created.Version;
        var updated = await service.UpdateAsync(created.Id, changed, store.AdminId, Ct);
        Assert.Equal("Renamed", updated.Value!.Name);
        Assert.Equal(SaveStatus.Conflict, (await service.UpdateAsync(created.Id, changed, store.AdminId, Ct)).Status); // old version

        await SetStatusAsync(store, created.Id, CampaignStatus.Active);
        var refused = await service.UpdateAsync(created.Id, EmailForm(segment, "Too late"), store.AdminId, Ct);
        Assert.Equal(SaveStatus.Conflict, refused.Status);
        Assert.Equal("An active campaign cannot be edited. Only drafts and scheduled campaigns can.", refused.Message);
        Assert.Equal("Renamed", (await service.GetAsync(created.Id, Ct))!.Name);
    }

    [Fact]
    public async Task Delete_removes_a_draft_and_refuses_anything_else()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var draft = await CampaignInAsync(store, service, segment, CampaignStatus.Draft);
        var completed = await CampaignInAsync(store, service, segment, CampaignStatus.Completed);

        Assert.True((await service.DeleteAsync(draft, Ct)).Succeeded);
        Assert.Null(await service.GetAsync(draft, Ct));
        var refused = await service.DeleteAsync(completed, Ct);
        Assert.Equal(SaveStatus.Conflict, refused.Status);
        Assert.Equal("A completed campaign cannot be deleted; cancel it instead.", refused.Message);
        Assert.Equal(SaveStatus.NotFound, (await service.DeleteAsync(Guid.NewGuid(), Ct)).Status);
    }

    [Fact]
    public async Task Duplicate_copies_content_and_audience_into_a_new_draft()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var source = await CampaignInAsync(store, service, segment, CampaignStatus.Completed);

        var copy = (await service.DuplicateAsync(source, store.AdminId, Ct)).Value!;

        Assert.NotEqual(source, copy.Id);
        Assert.Equal("Welcome (copy)", copy.Name);
        Assert.Equal(CampaignStatus.Draft, copy.Status);
        Assert.Equal("Hi {{ customer.first_name }}", copy.Email!.Subject);
        Assert.Equal([segment], copy.Audience.IncludeSegments);
        Assert.Equal(CampaignAction.Duplicated, Assert.Single(copy.History).Action);
    }

    public static TheoryData<string, CampaignStatus, bool, CampaignStatus> Transitions()
    {
        var data = new TheoryData<string, CampaignStatus, bool, CampaignStatus>();
        foreach (var from in Enum.GetValues<CampaignStatus>())
        {
            data.Add("pause", from, from == CampaignStatus.Active, CampaignStatus.Paused);
            data.Add("resume", from, from == CampaignStatus.Paused, CampaignStatus.Active);
            data.Add("cancel", from, from is not (CampaignStatus.Completed or CampaignStatus.Cancelled), CampaignStatus.Cancelled);
            data.Add("schedule", from, from == CampaignStatus.Draft, CampaignStatus.Scheduled);
            data.Add("launch", from, from is CampaignStatus.Draft or CampaignStatus.Scheduled, CampaignStatus.Active);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task Each_action_moves_only_from_its_allowed_statuses(string action, CampaignStatus from, bool allowed, CampaignStatus to)
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var form = EmailForm(segment);
        form.StartDate = Now.AddDays(1);
        var id = (await service.CreateAsync(form, store.AdminId, Ct)).Value!.Id;
        await SetStatusAsync(store, id, from);

        var result = action switch
        {
            "pause" => await service.PauseAsync(id, store.AdminId, Ct),
            "resume" => await service.ResumeAsync(id, store.AdminId, Ct),
            "cancel" => await service.CancelAsync(id, store.AdminId, Ct),
            "schedule" => await service.ScheduleAsync(id, store.AdminId, Ct),
            _ => await service.LaunchAsync(id, store.AdminId, Ct),
        };

        var after = (await service.GetAsync(id, Ct))!;
        if (allowed)
        {
            Assert.True(result.Succeeded, result.Message);
            Assert.Equal(to, after.Status);
            var entry = after.History[^1];
            Assert.Equal((from, to, store.AdminId), (entry.FromStatus!.Value, entry.ToStatus!.Value, entry.UserId));
        }
        else
        {
            Assert.Equal(SaveStatus.Conflict, result.Status);
            Assert.False(string.IsNullOrWhiteSpace(result.Message));
            Assert.Equal(from, after.Status);
            Assert.Single(after.History); // only "created"
        }
    }

    [Fact]
    public async Task Refusals_say_what_is_wrong()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var completed = await CampaignInAsync(store, service, segment, CampaignStatus.Completed);
        var paused = await CampaignInAsync(store, service, segment, CampaignStatus.Paused);

        Assert.Equal("A completed campaign cannot be paused.", (await service.PauseAsync(completed, store.AdminId, Ct)).Message);
        Assert.Equal("The campaign is already paused.", (await service.PauseAsync(paused, store.AdminId, Ct)).Message);
        Assert.Equal(SaveStatus.NotFound, (await service.PauseAsync(Guid.NewGuid(), store.AdminId, Ct)).Status);
    }

    [Fact]
    public async Task Schedule_needs_a_start_date_in_the_future()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var past = EmailForm(segment);
        past.StartDate = Now.AddMinutes(-1);
        var id = (await service.CreateAsync(past, store.AdminId, Ct)).Value!.Id;

        var result = await service.ScheduleAsync(id, store.AdminId, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains(nameof(CampaignForm.StartDate), result.Errors.Keys);
        Assert.Equal(CampaignStatus.Draft, (await service.GetAsync(id, Ct))!.Status);
    }

    [Fact]
    public async Task Launch_twice_queues_one_set_of_deliveries_and_the_second_is_a_conflict()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var id = (await service.CreateAsync(EmailForm(segment), store.AdminId, Ct)).Value!.Id;

        var first = await service.LaunchAsync(id, store.AdminId, Ct);
        var second = await service.LaunchAsync(id, store.AdminId, Ct);

        Assert.True(first.Succeeded);
        Assert.Equal(2, first.Value!.Recipients); // the customer without email consent is not reached
        Assert.Equal(SaveStatus.Conflict, second.Status);
        Assert.Equal(2, (await store.DeliveriesAsync()).Count);
    }

    [Fact]
    public async Task List_filters_searches_and_counts_recipients_sent_and_failed_per_campaign()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var launched = (await service.CreateAsync(EmailForm(segment, "Launched promo"), store.AdminId, Ct)).Value!.Id;
        await service.CreateAsync(EmailForm(segment, "Quiet draft"), store.AdminId, Ct);
        await service.LaunchAsync(launched, store.AdminId, Ct);
        await using (var db = store.Database.CreateDbContext())
        {
            var first = await db.CampaignDeliveries.OrderBy(d => d.Id).FirstAsync(Ct);
            await db.CampaignDeliveries.Where(d => d.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Sent), Ct);
            await db.CampaignDeliveries.Where(d => d.Id != first.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed), Ct);
        }

        var all = await service.ListAsync(new CampaignGridQuery { SortBy = CampaignSortKeys.Name }, Ct);
        var active = await service.ListAsync(new CampaignGridQuery { Status = CampaignStatus.Active }, Ct);
        var searched = await service.ListAsync(new CampaignGridQuery { Search = "quiet", Type = CampaignType.Email }, Ct);

        Assert.Equal(["Launched promo", "Quiet draft"], all.Items.Select(i => i.Name));
        var row = all.Items[0];
        Assert.Equal((2, 1, 1), (row.Recipients, row.Sent, row.Failed));
        Assert.Equal((0, 0, 0), (all.Items[1].Recipients, all.Items[1].Sent, all.Items[1].Failed));
        Assert.Equal(launched, Assert.Single(active.Items).Id);
        Assert.Equal("Quiet draft", Assert.Single(searched.Items).Name);
        var sent = await service.DeliveriesAsync(launched, new CampaignDeliveryQuery { Status = DeliveryStatus.Sent }, Ct);
        Assert.Equal(1, sent!.TotalCount);
    }

    [Fact]
    public async Task Audience_count_applies_exclusions_and_channel_consent()
    {
        var (store, service, segment) = await SetUpAsync();
        await using var _ = store;
        var budiOnly = await store.SegmentAsync("Budi", Customer("Budi2"));

        Assert.Equal(2, await service.AudienceCountAsync(new CampaignAudience([segment], []), DeliveryChannel.Email, Ct));
        Assert.Equal(1, await service.AudienceCountAsync(new CampaignAudience([segment], []), DeliveryChannel.Sms, Ct));
        Assert.Equal(1, await service.AudienceCountAsync(new CampaignAudience([segment, budiOnly], [segment]), DeliveryChannel.Email, Ct));
        Assert.Equal(0, await service.AudienceCountAsync(CampaignAudience.Empty, DeliveryChannel.Email, Ct));
    }
}
