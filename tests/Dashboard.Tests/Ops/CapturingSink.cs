using System.Collections.Concurrent;
using Dashboard.Notifications;

namespace Dashboard.Tests.Ops;

/// <summary>Keeps every notice it is given, in order.</summary>
public sealed class CapturingSink : INotificationSink
{
    private readonly ConcurrentQueue<SourceNotice> notices = new();

    public bool Throw { get; set; }

    public IReadOnlyList<SourceNotice> Notices => [.. notices];

    public IReadOnlyList<NoticeKind> Kinds => [.. notices.Select(n => n.Kind)];

    public void Enqueue(SourceNotice notice)
    {
        if (Throw)
        {
            throw new InvalidOperationException("sink broken");
        }

        notices.Enqueue(notice);
    }
}
