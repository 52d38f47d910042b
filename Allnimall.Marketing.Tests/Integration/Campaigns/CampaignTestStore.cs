using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>A fresh SQLite store per test with helpers to add customers, segments and campaigns. "Now" is 2026-11-02 09:00 UTC.</summary>
public sealed class CampaignTestStore : IAsyncDisposable
{
    public static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private CampaignTestStore(FakeTimeProvider clock, SqliteTestDatabase database, string adminId)
    {
        Clock = clock;
        Database = database;
        AdminId = adminId;
    }

    public FakeTimeProvider Clock { get; }
    public SqliteTestDatabase Database { get; }
    public string AdminId { get; }
    public DeliveryOptions Options { get; } = new();

    public static async Task<CampaignTestStore> CreateAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var database = await SqliteTestDatabase.CreateAsync(clock);
        var adminId = Guid.NewGuid().ToString();
        await using var db = database.CreateDbContext();
        db.Users.Add(new ApplicationUser { Id = adminId, UserName = "admin@test", Email = "admin@test" });
        await db.SaveChangesAsync();
        return new(clock, database, adminId);
    }

    public CampaignLauncher Launcher() => new(Database, Clock);

    public DeliveryDispatcher Dispatcher(IChannelTransport? transport = null, DeliveryPacer? pacer = null) => new(
        Database, transport ?? new OutboxTransport(Database, Clock),
        new MessageTemplateRenderer(Clock, Microsoft.Extensions.Options.Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" })),
        new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<DeliveryOptions>(Options), pacer ?? Pacer(), Clock);

    /// <summary>A pacer that moves the fake clock forward by each wait instead of waiting for it.</summary>
    public DeliveryPacer Pacer() => new(new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<DeliveryOptions>(Options), Clock, (wait, _) =>
    {
        Clock.Advance(wait);
        return Task.CompletedTask;
    });

    public static Customer Customer(string name, bool email = true, bool sms = false, bool active = true, string? address = "default") => new()
    {
        ExternalId = name, FirstName = name, LastName = "Test",
        Email = address == "default" ? $"{name.ToLowerInvariant()}@example.com" : address,
        Phone = $"+62812{Math.Abs(name.GetHashCode()) % 10_000_000:D7}",
        EmailConsent = email, SmsConsent = sms, IsActive = active,
    };

    /// <summary>Adds the customers and a static segment holding them; returns the segment id.</summary>
    public async Task<Guid> SegmentAsync(string name, params Customer[] members)
    {
        await using var db = Database.CreateDbContext();
        var segment = new CustomerSegment { Name = name, SegmentType = SegmentType.Static, SegmentCriteria = "{}", CreatedBy = AdminId };
        db.CustomerSegments.Add(segment);
        foreach (var customer in members)
        {
            if (!await db.Customers.AnyAsync(c => c.Id == customer.Id)) db.Customers.Add(customer);
            db.SegmentCustomers.Add(new SegmentCustomer { SegmentId = segment.Id, CustomerId = customer.Id, AddedAt = Now });
        }
        await db.SaveChangesAsync();
        return segment.Id;
    }

    public async Task<Guid> EmailCampaignAsync(IReadOnlyList<Guid> include, IReadOnlyList<Guid>? exclude = null,
        string subject = "Hi {{ customer.first_name }}", string body = "<p>Hello {{ customer.first_name }} from {{ store.name }}</p>")
    {
        await using var db = Database.CreateDbContext();
        var campaign = NewCampaign(CampaignType.Email, include, exclude);
        db.Campaigns.Add(campaign);
        db.EmailCampaigns.Add(new EmailCampaign { CampaignId = campaign.Id, Subject = subject, EmailContent = body });
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    public async Task<Guid> SmsCampaignAsync(IReadOnlyList<Guid> include, string body = "Promo for {{ customer.first_name }}")
    {
        await using var db = Database.CreateDbContext();
        var campaign = NewCampaign(CampaignType.Sms, include, null);
        db.Campaigns.Add(campaign);
        db.SmsCampaigns.Add(new SmsCampaign { CampaignId = campaign.Id, MessageContent = body });
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    /// <summary>A social campaign with one post (social_campaigns row) per platform.</summary>
    public async Task<Guid> SocialCampaignAsync(string content, params SocialPlatform[] platforms)
    {
        await using var db = Database.CreateDbContext();
        var campaign = NewCampaign(CampaignType.Social, [], null);
        db.Campaigns.Add(campaign);
        db.SocialCampaigns.AddRange(platforms.Select(p => new SocialCampaign { CampaignId = campaign.Id, Platform = p, PostContent = content }));
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    public Campaign NewCampaign(CampaignType type, IReadOnlyList<Guid> include, IReadOnlyList<Guid>? exclude) => new()
    {
        Name = "November promo", CampaignType = type, CreatedBy = AdminId,
        TargetAudience = new CampaignAudience(include, exclude ?? []).ToJson(),
    };

    public async Task<List<CampaignDelivery>> DeliveriesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.CampaignDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    public async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().ToListAsync();
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    /// <summary>The campaign's history as (action, from, to, by a user?) in order.</summary>
    public async Task<List<(CampaignAction Action, CampaignStatus? From, CampaignStatus? To, bool ByUser)>> HistoryAsync(Guid campaignId)
    {
        await using var db = Database.CreateDbContext();
        var events = await db.CampaignEvents.AsNoTracking().Where(e => e.CampaignId == campaignId)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync();
        return events.Select(e => (e.Action, e.FromStatus, e.ToStatus, e.UserId != null)).ToList();
    }
}
