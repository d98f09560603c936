using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.Dashboards;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Sources.Ranges;
using Dashboard.Sources.Sql;
using Dashboard.TimeRanges;

namespace Dashboard.Configuration;

/// <summary>Checks a whole configuration and returns every problem, each naming its key and why.
/// Used at start-up (through <see cref="DashboardOptionsValidation"/>) and for later edits.</summary>
public static partial class DashboardConfigValidator
{
    // More calls than this in one window would keep a breaker from ever opening on a dashboard's traffic.
    private const int MaxMinimumThroughput = 10_000;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private static readonly TimeSpan MaxRenderDeadline = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxFetchTimeout = TimeSpan.FromMinutes(10);

    // Retries back off exponentially from this delay; longer first waits would hold a refresh for many minutes.
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    // Polly's bounds for the breaker's windows.
    private static readonly TimeSpan MinBreakerWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBreakerWindow = TimeSpan.FromDays(1);

    // A first retry later than this would leave a failing source unretried for longer than anyone waits.
    private static readonly TimeSpan MaxFirstRetry = TimeSpan.FromHours(1);

    /// <param name="connectionNames">Names under <c>Dashboard:Connections</c>, for SQL sources.</param>
    /// <param name="pathValidator">Checks an HTTP source's path expression; returns an error or null.</param>
    public static IReadOnlyList<string> Validate(
        DashboardOptions options,
        IReadOnlyCollection<string> connectionNames,
        Func<string, string?> pathValidator)
    {
        var errors = new List<string>();
        foreach (var (name, source) in options.Sources)
        {
            ValidateSource($"{DashboardOptions.Section}:Sources:{name}", name, source, connectionNames, pathValidator, errors);
        }

        var slugs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Dashboards.Count; i++)
        {
            var dashboard = options.Dashboards[i];
            var key = $"{DashboardOptions.Section}:Dashboards:{i}";
            if (!SlugPattern().IsMatch(dashboard.Slug))
            {
                errors.Add($"{key}:Slug: '{dashboard.Slug}' must be 1-64 lower-case letters, digits or dashes, not starting or ending with a dash");
            }
            else if (!slugs.Add(dashboard.Slug))
            {
                errors.Add($"{key}:Slug: duplicate slug '{dashboard.Slug}'");
            }

            ValidateDashboard(key, dashboard, options, errors);
        }

        if (!string.IsNullOrEmpty(options.DefaultDashboard) && !slugs.Contains(options.DefaultDashboard))
        {
            errors.Add($"{DashboardOptions.Section}:DefaultDashboard: no dashboard has the slug '{options.DefaultDashboard}'");
        }

        return errors;
    }

    private static void ValidateSource(
        string key,
        string name,
        SourceOptions source,
        IReadOnlyCollection<string> connectionNames,
        Func<string, string?> pathValidator,
        List<string> errors)
    {
        if (!NamePattern().IsMatch(name))
        {
            errors.Add($"{key}: source name '{name}' must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }

        switch (source.Kind.ToLowerInvariant())
        {
            case SourceKinds.Http:
                ValidateHttp(key, source, pathValidator, errors);
                break;
            case SourceKinds.Sql:
                ValidateSql(key, source, connectionNames, errors);
                break;
            default:
                errors.Add($"{key}:Kind: '{source.Kind}' is not a source kind; use 'http' or 'sql'");
                break;
        }

        if (source.RenderDeadline <= TimeSpan.Zero || source.RenderDeadline > MaxRenderDeadline)
        {
            errors.Add($"{key}:RenderDeadline: {source.RenderDeadline} must be greater than 0 and at most {MaxRenderDeadline}");
        }

        if (source.FetchTimeout <= TimeSpan.Zero || source.FetchTimeout > MaxFetchTimeout)
        {
            errors.Add($"{key}:FetchTimeout: {source.FetchTimeout} must be greater than 0 and at most {MaxFetchTimeout}");
        }
        else if (source.RenderDeadline > source.FetchTimeout)
        {
            errors.Add($"{key}:RenderDeadline: {source.RenderDeadline} must not be greater than FetchTimeout ({source.FetchTimeout}): a page would wait for a fetch that was already abandoned");
        }

        if (source.MaxAge < TimeSpan.Zero)
        {
            errors.Add($"{key}:MaxAge: {source.MaxAge} must not be negative");
        }

        if (source.Retry.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{key}:Retry:MaxRetries: {source.Retry.MaxRetries} must be between 0 and 10");
        }

        if (source.Retry.BaseDelay < TimeSpan.Zero || source.Retry.BaseDelay > MaxRetryDelay)
        {
            errors.Add($"{key}:Retry:BaseDelay: {source.Retry.BaseDelay} must be between 0 and {MaxRetryDelay}");
        }

        var breaker = source.CircuitBreaker;
        if (breaker.Enabled)
        {
            // Polly's own bounds (and a sane upper limit), reported here instead of as an exception on first use.
            if (breaker.MinimumThroughput is < 2 or > MaxMinimumThroughput)
            {
                errors.Add($"{key}:CircuitBreaker:MinimumThroughput: {breaker.MinimumThroughput} must be between 2 and {MaxMinimumThroughput}");
            }

            if (double.IsNaN(breaker.FailureRatio) || breaker.FailureRatio is <= 0 or > 1)
            {
                errors.Add($"{key}:CircuitBreaker:FailureRatio: {breaker.FailureRatio.ToString(CultureInfo.InvariantCulture)} must be greater than 0 and at most 1");
            }

            CheckBreakerWindow($"{key}:CircuitBreaker:SamplingDuration", breaker.SamplingDuration, errors);
            if (breaker.BreakDuration is { } breakDuration)
            {
                CheckBreakerWindow($"{key}:CircuitBreaker:BreakDuration", breakDuration, errors);
            }
        }

        var backoff = source.Backoff;
        if (backoff.MinRetryInterval < MinBreakerWindow || backoff.MinRetryInterval > MaxFirstRetry)
        {
            errors.Add($"{key}:Backoff:MinRetryInterval: {backoff.MinRetryInterval} must be between {MinBreakerWindow} and {MaxFirstRetry}");
        }

        if (double.IsNaN(backoff.MaxAgeShare) || backoff.MaxAgeShare is < 0 or > 1)
        {
            errors.Add($"{key}:Backoff:MaxAgeShare: {backoff.MaxAgeShare.ToString(CultureInfo.InvariantCulture)} must be between 0 and 1");
        }

        if (backoff.Max < backoff.MinRetryInterval || backoff.Max > MaxBreakerWindow)
        {
            errors.Add($"{key}:Backoff:Max: {backoff.Max} must be at least MinRetryInterval ({backoff.MinRetryInterval}) and at most {MaxBreakerWindow}");
        }

        foreach (var (field, problem) in TimeRangePlaceholders.ProblemsByField(source))
        {
            errors.Add($"{key}:{field}: {problem}");
        }
    }

    private static void CheckBreakerWindow(string key, TimeSpan value, List<string> errors)
    {
        if (value < MinBreakerWindow || value > MaxBreakerWindow)
        {
            errors.Add($"{key}: {value} must be between {MinBreakerWindow} and {MaxBreakerWindow}");
        }
    }

    // Any window will do: the body's JSON shape does not depend on the values.
    private static readonly TimeWindow SampleWindow = new(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), TimeSpan.FromSeconds(15), "sample");

    private static void ValidateHttp(string key, SourceOptions source, Func<string, string?> pathValidator, List<string> errors)
    {
        if (source.Http is not { } http)
        {
            errors.Add($"{key}:Http: an 'http' source needs an Http section with at least a Url");
            return;
        }

        if (!SourceUrls.IsValid(http.Url))
        {
            errors.Add($"{key}:Http:Url: '{http.Url}' is not an absolute http or https URL (nor a path starting with '/' on this app)");
        }

        var method = http.Method.ToUpperInvariant();
        if (method is not ("GET" or "POST"))
        {
            errors.Add($"{key}:Http:Method: '{http.Method}' is not supported; use GET or POST");
        }

        if (!string.IsNullOrEmpty(http.Body))
        {
            if (method != "POST")
            {
                errors.Add($"{key}:Http:Body: a body is only sent with POST");
            }

            try
            {
                // Time placeholders are filled in before sending ({to:ms} unquoted is a number): checked as sent.
                using var _ = JsonDocument.Parse(TimeWindowText.Substitute(http.Body, SampleWindow, v => JsonEncodedText.Encode(v).Value));
            }
            catch (SourceFailureException)
            {
                // An unknown placeholder form: reported beside the body by the placeholder check.
            }
            catch (JsonException ex)
            {
                errors.Add($"{key}:Http:Body: {Admin.JsonErrorText.Describe(ex)}");
            }
        }

        foreach (var (field, values) in new[] { ("Headers", http.Headers), ("Query", http.Query) })
        {
            foreach (var (name, value) in values)
            {
                foreach (var refused in ConfigurationSecretResolver.RefusedNames(value))
                {
                    errors.Add($"{key}:Http:{field}: '{name}': {refused}");
                }
            }
        }

        if (!string.IsNullOrEmpty(http.Path) && pathValidator(http.Path) is { } pathError)
        {
            errors.Add($"{key}:Http:Path: '{http.Path}' is not a valid path expression: {pathError}");
        }
    }

    private static void ValidateSql(string key, SourceOptions source, IReadOnlyCollection<string> connectionNames, List<string> errors)
    {
        if (source.Sql is not { } sql)
        {
            errors.Add($"{key}:Sql: a 'sql' source needs a Sql section with Connection and Query");
            return;
        }

        if (string.IsNullOrWhiteSpace(sql.Connection))
        {
            errors.Add($"{key}:Sql:Connection: required");
        }
        else if (!connectionNames.Contains(sql.Connection, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{key}:Sql:Connection: unknown connection '{sql.Connection}' (define it under Dashboard:Connections)");
        }

        if (string.IsNullOrWhiteSpace(sql.Query))
        {
            errors.Add($"{key}:Sql:Query: required");
        }

        if (sql.CommandTimeout <= TimeSpan.Zero || sql.CommandTimeout > MaxFetchTimeout)
        {
            errors.Add($"{key}:Sql:CommandTimeout: {sql.CommandTimeout} must be greater than 0 and at most {MaxFetchTimeout}");
        }

        if (sql.MaxRows is < 1 or > 10_000)
        {
            errors.Add($"{key}:Sql:MaxRows: {sql.MaxRows} must be between 1 and 10000");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in sql.Parameters.Keys)
        {
            if (!SqlParameterNames.IsValid(name))
            {
                errors.Add($"{key}:Sql:Parameters: '{name}' is not a parameter name: use letters, digits and '_', not starting with a digit (an '@' before it is optional)");
            }
            else if (!parameters.TryAdd(SqlParameterNames.Key(name), name))
            {
                errors.Add($"{key}:Sql:Parameters: '{name}' names the same parameter as '{parameters[SqlParameterNames.Key(name)]}'");
            }
        }
    }

    private static void ValidateDashboard(string key, DashboardDefinition dashboard, DashboardOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(dashboard.Title))
        {
            errors.Add($"{key}:Title: required");
        }

        if (dashboard.Columns is < 1 or > 12)
        {
            errors.Add($"{key}:Columns: {dashboard.Columns} must be between 1 and 12");
        }

        if (dashboard.TimeRange is { } range && DashboardTimeRanges.ProblemOf(range) is { } rangeProblem)
        {
            errors.Add($"{key}:TimeRange: {rangeProblem}");
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < dashboard.Panels.Count; j++)
        {
            var panel = dashboard.Panels[j];
            var panelKey = $"{key}:Panels:{j}";
            var id = panel.Id ?? $"panel-{j}";
            if (!NamePattern().IsMatch(id))
            {
                errors.Add($"{panelKey}:Id: '{id}' must be letters, digits, '_', '.' or '-'");
            }
            else if (!ids.Add(id))
            {
                errors.Add($"{panelKey}:Id: duplicate panel id '{id}' in dashboard '{dashboard.Slug}'");
            }

            if (!PanelTypes.All.Contains(panel.Type, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{panelKey}:Type: '{panel.Type}' is not a panel type; use one of {string.Join(", ", PanelTypes.All)}");
            }

            if (!options.Sources.TryGetValue(panel.Source, out var source))
            {
                errors.Add($"{panelKey}:Source: unknown source '{panel.Source}'");
            }
            else if (PanelShapes.Accepts(panel.Type, source.Shape) is false)
            {
                errors.Add($"{panelKey}:Source: a '{panel.Type}' panel cannot show source '{panel.Source}' of shape '{source.Shape}'");
            }
            else if (History.HistoryReads.Plots(panel, source) && TimeRangePlaceholders.UsesRange(source))
            {
                errors.Add($"{panelKey}:Source: a 'timeseries' panel on the Scalar source '{panel.Source}' plots its history, which is kept only for sources that do not use the time range; make the source a Table of (time, value) rows per @interval instead");
            }

            if (panel.Width < 1 || panel.Width > Math.Min(4, dashboard.Columns))
            {
                errors.Add($"{panelKey}:Width: {panel.Width} must be between 1 and {Math.Min(4, dashboard.Columns)}");
            }

            if (panel.Height is < 1 or > 3)
            {
                errors.Add($"{panelKey}:Height: {panel.Height} must be between 1 and 3");
            }

            if (panel.MaxItems is < 1 or > 100)
            {
                errors.Add($"{panelKey}:MaxItems: {panel.MaxItems} must be between 1 and 100");
            }

            // Formats, thresholds, chart and column options: the panels' own rules.
            PanelOptionsRules.Check(panelKey, panel, errors);
        }
    }
}
