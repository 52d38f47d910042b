using System.Text;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Discounts;

public sealed class PromoCodeServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Progress : IProgress<CodeGenerationProgress>
    {
        public List<CodeGenerationProgress> Reports { get; } = [];
        public void Report(CodeGenerationProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task Generates_unique_codes_in_chunks_and_reports_progress()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(_ => { });
        var progress = new Progress();

        var result = await store.Codes.GenerateAsync(discount.Id, new PromoCodeRequest(120_000, "XMAS", 10), progress, Ct);

        Assert.Equal(120_000, result.Value!.Generated);
        Assert.Equal([50_000, 100_000, 120_000], progress.Reports.Select(r => r.Generated));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(120_000, await db.PromoCodes.Where(p => p.DiscountCampaignId == discount.Id).Select(p => p.Code).Distinct().CountAsync(Ct));
        Assert.Equal(0, await db.PromoCodes.CountAsync(p => !p.Code.StartsWith("XMAS") || p.Code.Length != 14 || p.IsShared, Ct));
    }

    [Fact]
    public async Task A_collision_with_a_stored_code_is_replaced_and_the_rest_of_the_chunk_is_kept()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(_ => { });
        // A crowded code space: 100,000 of the 1,000,000 ten-digit-alphabet codes of length 6 are taken, so a
        // generation of 1,000 collides with about 100 of them.
        var taken = PromoCodeGenerator.Generate(new PromoCodeRequest(100_000, null, 6, "0123456789"), 100_000);
        await using (var db = store.Database.CreateDbContext())
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await BulkInsert.InsertAsync(db, taken.Select(c => new PromoCode { DiscountCampaignId = discount.Id, Code = c }).ToList(), DiscountTestStore.Now, Ct);
            await transaction.CommitAsync(Ct);
        }

        var result = await store.Codes.GenerateAsync(discount.Id, new PromoCodeRequest(1_000, null, 6, "0123456789"), null, Ct);

        Assert.True(result.Value!.Collisions > 0);
        await using var check = store.Database.CreateDbContext();
        Assert.Equal(101_000, await check.PromoCodes.CountAsync(Ct));
    }

    [Fact]
    public async Task Invalid_requests_and_automatic_discounts_get_no_codes()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var automatic = await store.CreateAsync(f => f.Method = DiscountMethod.Automatic);

        Assert.Equal(SaveStatus.Invalid, (await store.Codes.GenerateAsync(automatic.Id, new PromoCodeRequest(0, null), null, Ct)).Status);
        Assert.Equal(SaveStatus.Conflict, (await store.Codes.GenerateAsync(automatic.Id, new PromoCodeRequest(10, null), null, Ct)).Status);
        Assert.Equal(SaveStatus.NotFound, (await store.Codes.GenerateAsync(Guid.NewGuid(), new PromoCodeRequest(10, null), null, Ct)).Status);
    }

    [Fact]
    public async Task The_code_list_filters_by_status_and_searches_and_a_code_can_be_disabled()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(f => f.EndsAt = DiscountTestStore.Now.AddDays(3));
        await store.Database.AddAsync(
            new PromoCode { DiscountCampaignId = discount.Id, Code = "USED-1", UsageCount = 1 },
            new PromoCode { DiscountCampaignId = discount.Id, Code = "FRESH-1" },
            new PromoCode { DiscountCampaignId = discount.Id, Code = "FRESH-2" });
        var fresh2 = (await store.Codes.ListAsync(discount.Id, new PromoCodeQuery { Search = "fresh-2" }, Ct))!.Items.Single();

        Assert.True((await store.Codes.DisableAsync(discount.Id, fresh2.Id, Ct)).Succeeded);

        async Task<string[]> Codes(PromoCodeStatus status) =>
            (await store.Codes.ListAsync(discount.Id, new PromoCodeQuery { Status = status }, Ct))!.Items.Select(c => c.Code).ToArray();
        Assert.Equal(["USED-1"], await Codes(PromoCodeStatus.Redeemed));
        Assert.Equal(["FRESH-1"], await Codes(PromoCodeStatus.Unused));
        Assert.Equal(["FRESH-2"], await Codes(PromoCodeStatus.Disabled));
        store.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(["FRESH-1"], await Codes(PromoCodeStatus.Expired));
        var refused = await store.Pricing.EvaluateAsync(DiscountTestStore.Cart(null, 1, "FRESH-2"), Ct);
        Assert.Equal("This code is no longer valid.", Assert.Single(refused.Codes).Reason);
        Assert.Equal(SaveStatus.NotFound, (await store.Codes.DisableAsync(Guid.NewGuid(), fresh2.Id, Ct)).Status);
    }

    [Fact]
    public async Task T37_the_code_export_is_formula_safe_and_streams_every_code()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(_ => { });
        Assert.True((await store.Codes.GenerateAsync(discount.Id, new PromoCodeRequest(25_000, "EXP", 8), null, Ct)).Succeeded);
        // Codes are generated and typed from letters and digits only, but a row written by other means must still be safe.
        await store.Database.AddAsync(new PromoCode { DiscountCampaignId = discount.Id, Code = "=HYPERLINK(\"http://x\",\"y\")" },
            new PromoCode { DiscountCampaignId = discount.Id, Code = "+1+2" }, new PromoCode { DiscountCampaignId = discount.Id, Code = "@SUM(A1)" });

        using var output = new MemoryStream();
        Assert.True(await store.Codes.ExportCsvAsync(discount.Id, output, Ct));

        var text = Encoding.UTF8.GetString(output.ToArray());
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,status,shared,usage_count,assigned_customer_id,created_at,disabled_at", lines[0]);
        Assert.Equal(25_003, lines.Length - 1);
        Assert.Equal(1, text.Split('\uFEFF').Length - 1); // one byte order mark although written in pieces
        Assert.Contains(lines, l => l.StartsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",unused", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"'+1+2\",", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"'@SUM(A1)\",", StringComparison.Ordinal));
        Assert.False(await store.Codes.ExportCsvAsync(Guid.NewGuid(), Stream.Null, Ct));
    }
}
