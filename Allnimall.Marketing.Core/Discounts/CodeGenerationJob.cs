namespace Allnimall.Marketing.Core.Discounts;

/// <summary>Where a background code generation is.</summary>
public enum CodeGenerationState { Running, Succeeded, Failed }

/// <summary>
/// One bulk code generation running in the background (see <see cref="CodeGenerationJobs"/>): the
/// <see cref="IProgress{T}"/> the generator reports to, and what pages show while it runs and after it ends.
/// </summary>
public sealed class CodeGenerationJob(Guid discountId, int total, Action<CodeGenerationJob> changed) : IProgress<CodeGenerationProgress>
{
    public Guid DiscountId { get; } = discountId;
    public int Total { get; } = total;
    public int Generated { get; private set; }
    public CodeGenerationState State { get; private set; } = CodeGenerationState.Running;
    /// <summary>Why it failed, in words for staff; null otherwise.</summary>
    public string? Error { get; private set; }

    /// <summary>0–100, for a progress bar.</summary>
    public double Percent => Total == 0 ? 100 : Math.Min(100, 100.0 * Generated / Total);

    public void Report(CodeGenerationProgress value)
    {
        Generated = value.Generated;
        changed(this);
    }

    internal void Finish(int generated)
    {
        (Generated, State) = (generated, CodeGenerationState.Succeeded);
        changed(this);
    }

    internal void Fail(string error)
    {
        (State, Error) = (CodeGenerationState.Failed, error);
        changed(this);
    }
}
