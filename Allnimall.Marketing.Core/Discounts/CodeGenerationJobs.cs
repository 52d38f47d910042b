using System.Collections.Concurrent;
using Allnimall.Marketing.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// Runs bulk code generations off the Blazor circuit, one at a time per discount, so staff can leave the page while a
/// million codes are written and find the progress again when they come back. The latest job of each discount is kept
/// (in memory: a restart forgets progress, never codes — a generation is one transaction, all or nothing). A singleton.
/// </summary>
public sealed class CodeGenerationJobs : IDisposable
{
    /// <summary>Generates codes for a discount, reporting to the progress (PromoCodeService.GenerateAsync in the app).</summary>
    public delegate Task<SaveResult<CodeGenerationResult>> Generator(
        IServiceProvider services, Guid discountId, PromoCodeRequest request, IProgress<CodeGenerationProgress> progress, CancellationToken ct);

    private readonly ConcurrentDictionary<Guid, CodeGenerationJob> jobs = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly IServiceScopeFactory scopes;
    private readonly Generator generate;
    private readonly ILogger<CodeGenerationJobs> logger;

    public CodeGenerationJobs(IServiceScopeFactory scopes, ILogger<CodeGenerationJobs> logger)
        : this(scopes, logger, (services, id, request, progress, ct) =>
            services.GetRequiredService<PromoCodeService>().GenerateAsync(id, request, progress, ct))
    {
    }

    public CodeGenerationJobs(IServiceScopeFactory scopes, ILogger<CodeGenerationJobs> logger, Generator generate)
    {
        this.scopes = scopes;
        this.logger = logger;
        this.generate = generate;
    }

    /// <summary>Raised (on the generating thread) whenever a job reports progress, finishes or fails.</summary>
    public event Action<CodeGenerationJob>? Changed;

    /// <summary>The running or latest finished job of the discount, if any.</summary>
    public CodeGenerationJob? Get(Guid discountId) => jobs.GetValueOrDefault(discountId);

    /// <summary>
    /// Starts generating in the background. Null when a generation of this discount is still running (the request is
    /// checked first: call <see cref="PromoCodeGenerator.Validate"/> to show field errors).
    /// </summary>
    public CodeGenerationJob? Start(Guid discountId, PromoCodeRequest request)
    {
        var job = new CodeGenerationJob(discountId, request.Count, j => Changed?.Invoke(j));
        var current = jobs.AddOrUpdate(discountId, job, (_, existing) => existing.State == CodeGenerationState.Running ? existing : job);
        if (!ReferenceEquals(current, job)) return null;
        _ = Task.Run(() => RunAsync(job, request));
        return job;
    }

    private async Task RunAsync(CodeGenerationJob job, PromoCodeRequest request)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await generate(scope.ServiceProvider, job.DiscountId, request, job, stopping.Token);
            if (result.Value is { } done) job.Finish(done.Generated);
            else job.Fail(result.Message ?? result.Errors.Values.SelectMany(v => v).FirstOrDefault() ?? "This discount no longer exists.");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            job.Fail("The application stopped before the codes were written; none were saved.");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Generating codes for discount {DiscountId} failed", job.DiscountId);
            job.Fail("Generating the codes failed; none were saved. Please try again.");
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }
}
