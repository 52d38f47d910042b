namespace Allnimall.Marketing.Benchmarks;

/// <summary>
/// BENCHMARKS.md at the repository root holds one section per benchmark between HTML-comment markers; a run replaces
/// its own section and leaves the others alone.
/// </summary>
internal static class BenchmarksFile
{
    private const string Header = """
        # Benchmarks

        Each section is written by the benchmark it describes (`dotnet run -c Release --project Allnimall.Marketing.Benchmarks -- <name>`);
        running it again replaces the section. Figures are wall-clock on the machine named in the section.

        """;

    public static string Write(string name, string markdown)
    {
        var path = Path.Combine(FindRepositoryRoot(), "BENCHMARKS.md");
        var text = File.Exists(path) ? File.ReadAllText(path) : Header.ReplaceLineEndings("\n");
        var (start, end) = ($"<!-- benchmark:{name} -->", $"<!-- /benchmark:{name} -->");
        var section = $"{start}\n{markdown.TrimEnd()}\n{end}";
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + section + text[(to + end.Length)..]
            : text.TrimEnd() + "\n\n" + section + "\n";
        File.WriteAllText(path, text);
        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Allnimall.Marketing.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from inside the repository (Allnimall.Marketing.sln not found).");
    }
}
