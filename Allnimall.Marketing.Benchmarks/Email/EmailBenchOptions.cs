using System.Globalization;

namespace Allnimall.Marketing.Benchmarks.Email;

/// <summary>Command-line options of the email benchmark.</summary>
internal sealed record EmailBenchOptions(int Messages, int NaiveSample, int PoolSize, int BatchSize, int WarmUp, int TrackingSeconds,
    bool SkipTracking, bool Dkim, bool Write, string[] Arguments)
{
    public static EmailBenchOptions Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
        return new(Int("--messages", 10_000), Int("--naive", 500), Int("--pool", new Core.Email.Smtp.SmtpOptions().PoolSize), Int("--batch", 500), Int("--warm-up", 500),
            Int("--seconds", 10), args.Contains("--no-tracking"), !args.Contains("--no-dkim"), !args.Contains("--no-write"), args.Where(a => a != "--no-write").ToArray());
    }
}
