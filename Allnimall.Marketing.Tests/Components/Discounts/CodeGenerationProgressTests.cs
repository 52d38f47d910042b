using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Web.Components.Pages.Discounts;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Allnimall.Marketing.Tests.Components.Discounts;

/// <summary>Bulk code generation runs in the background and its IProgress drives the progress bar, which a page opened later finds too.</summary>
public sealed class CodeGenerationProgressTests : DiscountPageContext
{
    [Fact]
    public async Task The_bar_follows_the_reported_progress_to_100_percent()
    {
        SignIn();
        var discount = await Store.CreateAsync(f => f.Name = "Codes");
        var halfway = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var jobs = new CodeGenerationJobs(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            NullLogger<CodeGenerationJobs>.Instance,
            async (_, id, request, progress, ct) =>
            {
                await halfway.Task.WaitAsync(ct);
                progress.Report(new CodeGenerationProgress(40, request.Count));
                await finish.Task.WaitAsync(ct);
                progress.Report(new CodeGenerationProgress(request.Count, request.Count));
                return SaveResult<CodeGenerationResult>.Ok(new CodeGenerationResult(id, request.Count, 0));
            });
        Services.AddSingleton(jobs);
        var finished = 0;

        Assert.NotNull(jobs.Start(discount.Id, new PromoCodeRequest(100, null)));
        Assert.Null(jobs.Start(discount.Id, new PromoCodeRequest(5, null))); // one generation per discount at a time
        var watcher = Render<CodeGenerationStatus>(p => p.Add(c => c.DiscountId, discount.Id).Add(c => c.OnFinished, _ => finished++));
        halfway.SetResult();

        watcher.WaitForAssertion(() => Assert.Equal("40", watcher.Find("[data-testid=code-progress]").GetAttribute("data-percent")));
        Assert.Contains("40 of 100", watcher.Find("[data-testid=code-progress-text]").TextContent);
        finish.SetResult();
        watcher.WaitForAssertion(() => Assert.Equal("succeeded", watcher.Find("[data-testid=code-progress]").GetAttribute("data-state")));
        Assert.Equal("100", watcher.Find("[data-testid=code-progress]").GetAttribute("data-percent"));
        Assert.Equal(1, finished);
    }

    [Fact]
    public async Task A_real_generation_writes_the_codes_and_reaches_100_percent()
    {
        SignIn();
        var discount = await Store.CreateAsync(f => f.Name = "Codes");
        var jobs = Services.GetRequiredService<CodeGenerationJobs>();
        var cut = Render<CodeGenerationStatus>(p => p.Add(c => c.DiscountId, discount.Id));

        jobs.Start(discount.Id, new PromoCodeRequest(100, "PET-", 8));

        cut.WaitForAssertion(() => Assert.Equal("succeeded", cut.Find("[data-testid=code-progress]").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        Assert.Contains("Generated 100 codes (100%)", cut.Find("[data-testid=code-progress-text]").TextContent);
        await using var db = Store.Database.CreateDbContext();
        Assert.Equal(100, await db.PromoCodes.CountAsync(p => p.DiscountCampaignId == discount.Id && p.Code.StartsWith("PET-"), Ct));
    }
}
