namespace Allnimall.Marketing.Core.Messaging;

public static class OutboxSortKeys
{
    public const string Created = "created";
    public const string Recipient = "recipient";
    public const string Channel = "channel";

    public static readonly IReadOnlyList<string> All = [Created, Recipient, Channel];
}
