using Allnimall.Marketing.Benchmarks.Segments;

var quick = args.Contains("--quick");
if (args.FirstOrDefault() == "segments")
    foreach (var line in await SegmentRefreshBenchmark.RunAsync(quick)) Console.WriteLine(line);
