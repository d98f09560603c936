namespace Dashboard.Sources;

/// <summary>An expected failure of a source, with a short reason safe to show to viewers
/// (never a secret, a connection string or a stack). Transient failures may be retried.</summary>
public sealed class SourceFailureException : Exception
{
    public SourceFailureException(string reason, bool transient = false, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason;
        Transient = transient;
    }

    public string Reason { get; }

    public bool Transient { get; }
}
