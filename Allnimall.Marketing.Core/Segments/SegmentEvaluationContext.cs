using Allnimall.Marketing.Core.Data;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>What a rule is evaluated against: the database (for correlated subqueries), "now", and RFM cut points.</summary>
public sealed record SegmentEvaluationContext(MarketingDbContext Db, DateTime Now, RfmThresholds Rfm);
