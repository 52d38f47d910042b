namespace Allnimall.Marketing.Core.Segments;

public class SegmentCustomer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SegmentId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime AddedAt { get; set; }
}
