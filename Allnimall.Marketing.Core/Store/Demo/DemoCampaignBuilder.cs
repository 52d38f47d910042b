using System.Globalization;
using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Tracking;
using Bogus;
using Funnel = System.Collections.Generic.Dictionary<(System.DateOnly Day, string Metric), decimal>;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>
/// Turns the planned campaigns into rows with results that agree with the order history: conversions and revenue
/// are the orders that used the campaign's code; every converter opened and clicked before ordering; sends, opens
/// and clicks follow typical funnel rates (email: ~98% delivered, ~27% opened, ~3–4% clicked; SMS: ~97% delivered).
/// </summary>
internal sealed class DemoCampaignBuilder(Randomizer random, DateTime now)
{
    private const decimal EmailCost = 100m, SmsCost = 350m, SocialBoostPerDay = 300_000m;

    private readonly DemoCampaignRows rows = DemoCampaignRows.Empty();

    public DemoCampaignRows Build(
        IReadOnlyList<DemoPlannedCampaign> plan, IReadOnlyList<DemoShopper> shoppers, IReadOnlyList<Order> orders, string createdBy)
    {
        foreach (var planned in plan)
        {
            var campaign = CreateCampaign(planned, createdBy);
            rows.Campaigns.Add(campaign);
            AddChannelRow(planned, campaign, orders);
            if (planned.Start > now) continue;

            var redemptions = orders
                .Where(o => o.PromoCode == planned.Promo.Code && o.Status is not (OrderStatus.Cancelled or OrderStatus.Refunded))
                .ToList();
            var recipients = planned.Audience is DemoAudience.Everyone or DemoAudience.Nobody
                ? []
                : shoppers.Where(planned.Reaches).ToList();
            var funnel = planned.Type switch
            {
                CampaignType.Email => SendEmails(campaign, planned, recipients, redemptions),
                CampaignType.Sms => SendSms(campaign, planned, recipients, redemptions),
                CampaignType.Social => SocialReach(planned),
                _ => [],
            };
            AddPerformance(campaign, planned, funnel, redemptions);
            if (planned.Type == CampaignType.Discount) AddRedemptions(campaign, redemptions, shoppers);
        }
        return rows;
    }

    /// <summary>How many unique codes the first discount campaign gets, so its code list is not empty.</summary>
    private const int UniqueCodes = 300;

    /// <summary>Look-alike-free, as the real generator's alphabet.</summary>
    private const string CodeAlphabet = PromoCodeGenerator.DefaultAlphabet;

    /// <summary>
    /// A redemption of the campaign's shared code for each of its orders (those counted as its conversions), so the
    /// discount's redemptions, usage and revenue agree with its performance rows.
    /// </summary>
    private void AddRedemptions(Campaign campaign, List<Order> redemptions, IReadOnlyList<DemoShopper> shoppers)
    {
        var discount = rows.Discounts.Single(d => d.CampaignId == campaign.Id);
        var shared = rows.PromoCodes.Single(p => p.DiscountCampaignId == discount.Id && p.IsShared);
        var customerKeys = shoppers.ToDictionary(s => s.Customer.Id, s => s.Customer.ExternalId);
        foreach (var order in redemptions)
            rows.Redemptions.Add(new DiscountRedemption
            {
                DiscountCampaignId = discount.Id, OrderId = order.ExternalId, PromoCodeId = shared.Id, Code = shared.Code,
                CustomerKey = customerKeys.GetValueOrDefault(order.CustomerId), CustomerId = order.CustomerId, Amount = order.Discount,
                OrderRevenue = order.Total, RedeemedAt = order.PlacedAt,
            });
        shared.UsageCount = redemptions.Count;
        discount.UsageCount = redemptions.Count;
    }

    /// <summary>The discount's shared code (the one its messages name) and, on the first discount, a batch of unique codes.</summary>
    private void AddCodes(DiscountCampaign discount, string sharedCode, DateTime createdAt)
    {
        rows.PromoCodes.Add(new PromoCode { DiscountCampaignId = discount.Id, Code = sharedCode, IsShared = true, CreatedAt = createdAt });
        if (rows.PromoCodes.Any(p => !p.IsShared)) return;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < UniqueCodes)
            codes.Add($"{sharedCode}-{new string(Enumerable.Range(0, 8).Select(_ => CodeAlphabet[random.Number(0, CodeAlphabet.Length - 1)]).ToArray())}");
        rows.PromoCodes.AddRange(codes.Select(code => new PromoCode { DiscountCampaignId = discount.Id, Code = code, CreatedAt = createdAt }));
    }

    private Campaign CreateCampaign(DemoPlannedCampaign planned, string createdBy)
    {
        var createdAt = planned.Status == CampaignStatus.Draft
            ? now.AddDays(-2).AddMinutes(-random.Number(0, 600))
            : planned.Start.AddDays(-random.Number(3, 10)).AddMinutes(-random.Number(0, 600));
        return new Campaign
        {
            Name = planned.Name,
            Description = planned.Description,
            CampaignType = planned.Type,
            Status = planned.Status,
            StartDate = planned.Start,
            EndDate = planned.End,
            TargetAudience = JsonSerializer.Serialize(new { audience = AudienceName(planned.Audience) }),
            CampaignData = JsonSerializer.Serialize(new { promo_code = planned.Promo.Code }),
            CreatedBy = createdBy,
            CreatedAt = createdAt,
            UpdatedAt = planned.Status == CampaignStatus.Completed ? planned.End.AddHours(2) : Min(planned.Start, now.AddHours(-1)),
        };
    }

    private static string AudienceName(DemoAudience audience) => audience switch
    {
        DemoAudience.EmailSubscribers => "active customers with email consent",
        DemoAudience.SmsSubscribers => "active customers with SMS consent",
        DemoAudience.LapsedEmailSubscribers => "email subscribers with no order in the last 90 days",
        _ => "all customers",
    };

    private void AddChannelRow(DemoPlannedCampaign planned, Campaign campaign, IReadOnlyList<Order> orders)
    {
        var promo = planned.Promo;
        var until = planned.End.AddHours(7).ToString("d MMM", CultureInfo.InvariantCulture);
        switch (planned.Type)
        {
            case CampaignType.Email:
                rows.Emails.Add(new EmailCampaign
                {
                    CampaignId = campaign.Id, CreatedAt = campaign.CreatedAt,
                    Subject = planned.Name,
                    EmailContent = $"<h1>{planned.Name}</h1><p>{planned.Description}</p><p>Use code <strong>{promo.Code}</strong> until {until}.</p>",
                    SenderName = "Allnimall Pet Store", SenderEmail = "news@demo.allnimall.test",
                });
                break;
            case CampaignType.Sms:
                rows.Sms.Add(new SmsCampaign
                {
                    CampaignId = campaign.Id, CreatedAt = campaign.CreatedAt, SenderName = "ALLNIMALL",
                    MessageContent = $"Allnimall: {planned.Name}! Pakai kode {promo.Code} s/d {until}. Balas STOP utk berhenti.",
                });
                break;
            case CampaignType.Social:
                foreach (var platform in new[] { SocialPlatform.Instagram, SocialPlatform.Facebook })
                    rows.Social.Add(new SocialCampaign
                    {
                        CampaignId = campaign.Id, CreatedAt = campaign.CreatedAt, Platform = platform,
                        PostContent = $"{planned.Description} Kode {promo.Code}: Rp20.000 off min. Rp150.000. #AdoptDontShop #Allnimall",
                        MediaUrls = ["https://cdn.demo.allnimall.test/social/adopt-weekend.jpg"],
                        ScheduledTime = planned.Start, PostedAt = planned.Start.AddMinutes(random.Number(0, 5)),
                    });
                break;
            case CampaignType.Discount:
                var discount = new DiscountCampaign
                {
                    CampaignId = campaign.Id, DiscountType = promo.Type, DiscountValue = promo.Value,
                    MinimumPurchase = promo.MinimumPurchase, MaximumDiscount = promo.MaximumDiscount, UsageLimit = 1_000,
                    UsageCount = orders.Count(o => o.PromoCode == promo.Code && o.Status != OrderStatus.Cancelled),
                    IsActive = planned.Status == CampaignStatus.Active, CreatedAt = campaign.CreatedAt, UpdatedAt = campaign.UpdatedAt,
                };
                rows.Discounts.Add(discount);
                AddCodes(discount, promo.Code, campaign.CreatedAt);
                break;
        }
    }

    /// <summary>One email per recipient; converters opened and clicked shortly before their order.</summary>
    private Funnel SendEmails(
        Campaign campaign, DemoPlannedCampaign planned, List<DemoShopper> recipients, List<Order> redemptions)
    {
        var funnel = new Funnel();
        var firstOrder = FirstOrderByCustomer(redemptions);
        for (var i = 0; i < recipients.Count; i++)
        {
            var customerId = recipients[i].Customer.Id;
            var sentAt = planned.Start.AddMilliseconds(50 * i);
            Engage(campaign, customerId, "email_sent", sentAt, funnel, "sent");
            if (random.Bool(0.018f) && !firstOrder.ContainsKey(customerId)) continue;   // bounced
            Count(funnel, sentAt, "delivered");

            DateTime? openAt, clickAt;
            if (firstOrder.TryGetValue(customerId, out var orderAt) && orderAt > sentAt.AddMinutes(2))
                (openAt, clickAt) = EngagedBefore(sentAt, orderAt);
            else
            {
                openAt = random.Bool(0.27f) ? sentAt + Delay(hours: 10) : null;
                clickAt = openAt is { } o && random.Bool(0.15f) ? o + random.Between(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(20)) : null;
            }
            if (openAt is not { } opened || opened > now) continue;
            Engage(campaign, customerId, "email_open", opened, funnel, "opens");
            if (clickAt is DateTime clicked && clicked <= now)
                Engage(campaign, customerId, "email_click", clicked, funnel, "clicks", ClickData(planned));
        }
        return funnel;
    }

    private Funnel SendSms(
        Campaign campaign, DemoPlannedCampaign planned, List<DemoShopper> recipients, List<Order> redemptions)
    {
        var funnel = new Funnel();
        var firstOrder = FirstOrderByCustomer(redemptions);
        for (var i = 0; i < recipients.Count; i++)
        {
            var customerId = recipients[i].Customer.Id;
            var sentAt = planned.Start.AddMilliseconds(200 * i);
            Engage(campaign, customerId, "sms_sent", sentAt, funnel, "sent");
            if (random.Bool(0.03f) && !firstOrder.ContainsKey(customerId)) continue;   // undelivered
            Count(funnel, sentAt, "delivered");
            DateTime? clickAt = firstOrder.TryGetValue(customerId, out var orderAt) && orderAt > sentAt.AddMinutes(2)
                ? EngagedBefore(sentAt, orderAt).Click
                : random.Bool(0.06f) ? sentAt + Delay(hours: 2) : null;
            if (clickAt is { } clicked && clicked <= now)
                Engage(campaign, customerId, "sms_click", clicked, funnel, "clicks", ClickData(planned));
        }
        return funnel;
    }

    /// <summary>Organic and boosted reach of the social posts, strongest on the first days.</summary>
    private Funnel SocialReach(DemoPlannedCampaign planned)
    {
        var funnel = new Funnel();
        var days = 0;
        for (var day = DateOnly.FromDateTime(planned.Start); day <= DateOnly.FromDateTime(Min(planned.End, now)); day = day.AddDays(1), days++)
        {
            var impressions = (int)(random.Number(5_000, 8_000) * Math.Pow(0.72, days));
            var clicks = (int)(impressions * (0.012 + 0.01 * random.Double()));
            funnel[(day, "impressions")] = impressions;
            funnel[(day, "clicks")] = clicks;
            funnel[(day, "cost")] = SocialBoostPerDay;
        }
        return funnel;
    }

    private (DateTime Open, DateTime Click) EngagedBefore(DateTime sentAt, DateTime orderAt)
    {
        var open = orderAt - random.Between(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        if (open < sentAt.AddSeconds(30)) open = sentAt.AddSeconds(30);
        return (open, open + (orderAt - open) * (0.1 + 0.8 * random.Double()));
    }

    /// <summary>Daily rows (sent, delivered, opens, clicks, impressions, conversions, revenue, cost) for each day it ran.</summary>
    private void AddPerformance(Campaign campaign, DemoPlannedCampaign planned, Funnel funnel, List<Order> redemptions)
    {
        var metrics = planned.Type switch
        {
            CampaignType.Email => new[] { "sent", "delivered", "opens", "clicks" },
            CampaignType.Sms => ["sent", "delivered", "clicks"],
            CampaignType.Social => ["impressions", "clicks"],
            _ => [],
        };
        var last = DateOnly.FromDateTime(Max(Min(planned.End, now), funnel.Count > 0 ? funnel.Keys.Max(k => k.Day).ToDateTime(TimeOnly.MinValue) : planned.Start));
        for (var day = DateOnly.FromDateTime(planned.Start); day <= last; day = day.AddDays(1))
        {
            var dayOrders = redemptions.Where(o => DateOnly.FromDateTime(o.PlacedAt) == day).ToList();
            foreach (var metric in metrics)
                AddMetric(campaign, day, metric, funnel.GetValueOrDefault((day, metric)));
            AddMetric(campaign, day, "conversions", dayOrders.Count);
            if (planned.Type == CampaignType.Discount)
            {
                // What DiscountRedemptionService writes for a redemption, matching the demo's redemption rows.
                AddMetric(campaign, day, PerformanceMetrics.Redemptions, dayOrders.Count);
                AddMetric(campaign, day, PerformanceMetrics.DiscountGiven, dayOrders.Sum(o => o.Discount));
                AddMetric(campaign, day, PerformanceMetrics.RedemptionRevenue, dayOrders.Sum(o => o.Total));
            }
            AddMetric(campaign, day, "revenue", dayOrders.Sum(o => o.Total));
            AddMetric(campaign, day, "cost", planned.Type switch
            {
                CampaignType.Email => funnel.GetValueOrDefault((day, "sent")) * EmailCost,
                CampaignType.Sms => funnel.GetValueOrDefault((day, "sent")) * SmsCost,
                CampaignType.Social => funnel.GetValueOrDefault((day, "cost")),
                _ => dayOrders.Sum(o => o.Discount),   // a discount campaign costs the discounts it gave
            });
        }
    }

    private void AddMetric(Campaign campaign, DateOnly day, string name, decimal value) =>
        rows.Performance.Add(new CampaignPerformance
        {
            CampaignId = campaign.Id, MetricName = name, MetricValue = value, MetricDate = day,
            CreatedAt = Min(day.ToDateTime(new TimeOnly(23, 55), DateTimeKind.Utc), now),
        });

    private void Engage(Campaign campaign, Guid customerId, string type, DateTime at, Funnel funnel, string metric, string? data = null)
    {
        rows.Engagement.Add(new CustomerEngagement
        {
            CustomerId = customerId, CampaignId = campaign.Id, EngagementType = type, EngagementDate = at, EngagementData = data,
        });
        Count(funnel, at, metric);
    }

    private static void Count(Funnel funnel, DateTime at, string metric)
    {
        var key = (DateOnly.FromDateTime(at), metric);
        funnel[key] = funnel.GetValueOrDefault(key) + 1;
    }

    private static string ClickData(DemoPlannedCampaign planned) =>
        JsonSerializer.Serialize(new { url = $"https://shop.demo.allnimall.test/promo/{planned.Promo.Code.ToLowerInvariant()}" });

    private static Dictionary<Guid, DateTime> FirstOrderByCustomer(List<Order> redemptions) =>
        redemptions.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.Min(o => o.PlacedAt));

    /// <summary>Exponentially distributed delay with the given mean: most react soon, a few much later.</summary>
    private TimeSpan Delay(double hours) => TimeSpan.FromHours(-hours * Math.Log(1 - random.Double()));

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
