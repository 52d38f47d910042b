using Allnimall.Marketing.Core.Segments;

namespace Allnimall.Marketing.Tests.Support;

public static class SegmentTestServices
{
    /// <summary>The real segment service (and its refresher) over a test database and its clock.</summary>
    public static SegmentService CreateSegmentService(this SqliteTestDatabase database, TimeProvider? clock = null)
    {
        var time = clock ?? database.Clock;
        return new SegmentService(database, new SegmentRefresher(database, time), time);
    }
}
