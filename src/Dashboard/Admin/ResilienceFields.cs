using Dashboard.Sources;

namespace Dashboard.Admin;

/// <summary>The retry, back-off and circuit-breaker part of the source form (posted as <c>Form.Resilience.*</c>), durations in
/// seconds. Only unparsable text is reported here; ranges are the configuration validator's, so a file and the form
/// agree.</summary>
public sealed class ResilienceFields
{
    public const string MaxRetriesField = "Retry:MaxRetries";
    public const string BaseDelayField = "Retry:BaseDelay";
    public const string EnabledField = "CircuitBreaker:Enabled";
    public const string MinimumThroughputField = "CircuitBreaker:MinimumThroughput";
    public const string FailureRatioField = "CircuitBreaker:FailureRatio";
    public const string SamplingDurationField = "CircuitBreaker:SamplingDuration";
    public const string BreakDurationField = "CircuitBreaker:BreakDuration";
    public const string MinRetryIntervalField = "Backoff:MinRetryInterval";
    public const string MaxAgeShareField = "Backoff:MaxAgeShare";
    public const string BackoffMaxField = "Backoff:Max";

    public static readonly IReadOnlyList<string> Fields =
    [
        MaxRetriesField, BaseDelayField, EnabledField, MinimumThroughputField, FailureRatioField, SamplingDurationField, BreakDurationField,
        MinRetryIntervalField, MaxAgeShareField, BackoffMaxField,
    ];

    // A new source's form starts from the same defaults as a source configured without these keys.
    private static readonly RetryOptions DefaultRetry = new();
    private static readonly CircuitBreakerOptions DefaultBreaker = new();
    private static readonly BackoffOptions DefaultBackoff = new();

    public string? MaxRetries { get; set; } = FormNumbers.Whole(DefaultRetry.MaxRetries);

    /// <summary>Delay before the first retry; later ones back off exponentially (with jitter).</summary>
    public string? BaseDelay { get; set; } = FormNumbers.Seconds(DefaultRetry.BaseDelay);

    /// <summary>Null (not posted) keeps the current setting.</summary>
    public bool? BreakerEnabled { get; set; } = DefaultBreaker.Enabled;

    public string? MinimumThroughput { get; set; } = FormNumbers.Whole(DefaultBreaker.MinimumThroughput);

    public string? FailureRatio { get; set; } = FormNumbers.Decimal(DefaultBreaker.FailureRatio);

    public string? SamplingDuration { get; set; } = FormNumbers.Seconds(DefaultBreaker.SamplingDuration);

    /// <summary>Empty: the breaker stays open as long as the back-off's next retry.</summary>
    public string? BreakDuration { get; set; } = OptionalSeconds(DefaultBreaker.BreakDuration);

    public string? MinRetryInterval { get; set; } = FormNumbers.Seconds(DefaultBackoff.MinRetryInterval);

    public string? MaxAgeShare { get; set; } = FormNumbers.Decimal(DefaultBackoff.MaxAgeShare);

    public string? BackoffMax { get; set; } = FormNumbers.Seconds(DefaultBackoff.Max);

    public static ResilienceFields From(SourceOptions source) => new()
    {
        MaxRetries = FormNumbers.Whole(source.Retry.MaxRetries),
        BaseDelay = FormNumbers.Seconds(source.Retry.BaseDelay),
        BreakerEnabled = source.CircuitBreaker.Enabled,
        MinimumThroughput = FormNumbers.Whole(source.CircuitBreaker.MinimumThroughput),
        FailureRatio = FormNumbers.Decimal(source.CircuitBreaker.FailureRatio),
        SamplingDuration = FormNumbers.Seconds(source.CircuitBreaker.SamplingDuration),
        BreakDuration = OptionalSeconds(source.CircuitBreaker.BreakDuration),
        MinRetryInterval = FormNumbers.Seconds(source.Backoff.MinRetryInterval),
        MaxAgeShare = FormNumbers.Decimal(source.Backoff.MaxAgeShare),
        BackoffMax = FormNumbers.Seconds(source.Backoff.Max),
    };

    /// <summary>Sets every retry and breaker setting of <paramref name="source"/>; text that is not a number keeps the
    /// previous value and adds a message for its field.</summary>
    public void ApplyTo(SourceOptions source, AdminFieldErrors errors)
    {
        var retry = source.Retry;
        retry.MaxRetries = FormNumbers.ParseWhole(MaxRetries, MaxRetriesField, errors, retry.MaxRetries);
        retry.BaseDelay = FormNumbers.ParseSeconds(BaseDelay, BaseDelayField, errors, retry.BaseDelay);

        var breaker = source.CircuitBreaker;
        breaker.Enabled = BreakerEnabled ?? breaker.Enabled;
        breaker.MinimumThroughput = FormNumbers.ParseWhole(MinimumThroughput, MinimumThroughputField, errors, breaker.MinimumThroughput);
        breaker.FailureRatio = FormNumbers.ParseDecimal(FailureRatio, FailureRatioField, errors, breaker.FailureRatio);
        breaker.SamplingDuration = FormNumbers.ParseSeconds(SamplingDuration, SamplingDurationField, errors, breaker.SamplingDuration);
        if (BreakDuration is not null)
        {
            // Empty: the breaker follows the back-off. Text that is not a number keeps the previous setting.
            breaker.BreakDuration = string.IsNullOrWhiteSpace(BreakDuration)
                ? null
                : errors.For(BreakDurationField).Count is var before && FormNumbers.ParseSeconds(BreakDuration.Trim(), BreakDurationField, errors, TimeSpan.Zero) is var parsed
                    && errors.For(BreakDurationField).Count == before ? parsed : breaker.BreakDuration;
        }

        var backoff = source.Backoff;
        backoff.MinRetryInterval = FormNumbers.ParseSeconds(MinRetryInterval, MinRetryIntervalField, errors, backoff.MinRetryInterval);
        backoff.MaxAgeShare = FormNumbers.ParseDecimal(MaxAgeShare, MaxAgeShareField, errors, backoff.MaxAgeShare);
        backoff.Max = FormNumbers.ParseSeconds(BackoffMax, BackoffMaxField, errors, backoff.Max);
    }

    private static string OptionalSeconds(TimeSpan? value) => value is { } set ? FormNumbers.Seconds(set) : "";
}
