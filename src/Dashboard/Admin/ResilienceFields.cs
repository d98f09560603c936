using Dashboard.Sources;

namespace Dashboard.Admin;

/// <summary>The retry and circuit-breaker part of the source form (posted as <c>Form.Resilience.*</c>), durations in
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

    public static readonly IReadOnlyList<string> Fields =
        [MaxRetriesField, BaseDelayField, EnabledField, MinimumThroughputField, FailureRatioField, SamplingDurationField, BreakDurationField];

    // A new source's form starts from the same defaults as a source configured without these keys.
    private static readonly RetryOptions DefaultRetry = new();
    private static readonly CircuitBreakerOptions DefaultBreaker = new();

    public string? MaxRetries { get; set; } = FormNumbers.Whole(DefaultRetry.MaxRetries);

    /// <summary>Delay before the first retry; later ones back off exponentially (with jitter).</summary>
    public string? BaseDelay { get; set; } = FormNumbers.Seconds(DefaultRetry.BaseDelay);

    /// <summary>Null (not posted) keeps the current setting.</summary>
    public bool? BreakerEnabled { get; set; } = DefaultBreaker.Enabled;

    public string? MinimumThroughput { get; set; } = FormNumbers.Whole(DefaultBreaker.MinimumThroughput);

    public string? FailureRatio { get; set; } = FormNumbers.Decimal(DefaultBreaker.FailureRatio);

    public string? SamplingDuration { get; set; } = FormNumbers.Seconds(DefaultBreaker.SamplingDuration);

    public string? BreakDuration { get; set; } = FormNumbers.Seconds(DefaultBreaker.BreakDuration);

    public static ResilienceFields From(SourceOptions source) => new()
    {
        MaxRetries = FormNumbers.Whole(source.Retry.MaxRetries),
        BaseDelay = FormNumbers.Seconds(source.Retry.BaseDelay),
        BreakerEnabled = source.CircuitBreaker.Enabled,
        MinimumThroughput = FormNumbers.Whole(source.CircuitBreaker.MinimumThroughput),
        FailureRatio = FormNumbers.Decimal(source.CircuitBreaker.FailureRatio),
        SamplingDuration = FormNumbers.Seconds(source.CircuitBreaker.SamplingDuration),
        BreakDuration = FormNumbers.Seconds(source.CircuitBreaker.BreakDuration),
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
        breaker.BreakDuration = FormNumbers.ParseSeconds(BreakDuration, BreakDurationField, errors, breaker.BreakDuration);
    }
}
