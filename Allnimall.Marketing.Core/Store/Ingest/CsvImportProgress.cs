namespace Allnimall.Marketing.Core.Store.Ingest;

public sealed record CsvImportProgress(int Processed, int Total);
