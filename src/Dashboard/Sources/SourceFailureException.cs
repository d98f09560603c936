namespace Dashboard.Sources;

/// <summary>An expected failure of a source. <see cref="Reason"/> is short and never holds a secret value, a
/// connection string or a stack, but may name hosts, relations or secret names: it goes to admins, logs and
/// webhooks. <see cref="PublicReason"/> is the generic one (<see cref="PublicReasons"/>) anonymous viewers see.
/// Transient failures may be retried.</summary>
public sealed class SourceFailureException : Exception
{
    public SourceFailureException(string reason, bool transient = false, Exception? inner = null, string publicReason = PublicReasons.Failed)
        : base(reason, inner)
    {
        Reason = reason;
        Transient = transient;
        PublicReason = publicReason;
    }

    public string Reason { get; }

    /// <summary>The data did not have the expected shape (a missing path, text where a number was expected, no rows).</summary>
    public static SourceFailureException UnexpectedData(string reason) => new(reason, publicReason: PublicReasons.UnexpectedData);

    /// <summary>The source's settings cannot work (an unknown connection, a secret not set, a header that cannot be sent).</summary>
    public static SourceFailureException Misconfigured(string reason) => new(reason, publicReason: PublicReasons.Configuration);

    public string PublicReason { get; }

    public bool Transient { get; }
}
