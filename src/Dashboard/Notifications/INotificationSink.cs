namespace Dashboard.Notifications;

/// <summary>Takes notices for delivery without waiting (called inside fetches).</summary>
public interface INotificationSink
{
    void Enqueue(SourceNotice notice);
}
