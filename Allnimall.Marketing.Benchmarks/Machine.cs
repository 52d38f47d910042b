using System.Runtime.InteropServices;

namespace Allnimall.Marketing.Benchmarks;

/// <summary>What a benchmark section says about the machine it ran on.</summary>
internal static class Machine
{
    /// <summary>The 1-minute load average: a figure taken on a busy machine says so.</summary>
    public static string LoadAverage()
    {
        const string loadAvg = "/proc/loadavg";
        return File.Exists(loadAvg) ? File.ReadAllText(loadAvg).Split(' ')[0] : "unknown";
    }

    public static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo) ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
