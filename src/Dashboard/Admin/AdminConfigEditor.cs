using System.Text.Json;
using Dashboard.Configuration;
using Dashboard.Configuration.Provisioning;
using Dashboard.Dashboards;
using Dashboard.Panels;
using Dashboard.Sources;
using Dashboard.Storage;

namespace Dashboard.Admin;

/// <summary>Validates and stores admin edits (one transaction each, versioned), then applies them on this
/// instance at once; other instances follow within their poll interval. Items provisioned from files are the files'
/// to change: every save, delete and panel change of one is refused here, whatever page or post asked for it, and
/// "save a copy" makes an editable stored item of it. Stored items a file shadows may be deleted (that changes nothing
/// in force).</summary>
public sealed class AdminConfigEditor(
    IDashboardStore store, DashboardConfigComposer composer, StoredConfigLayer stored, AdminSourceRules rules, ISecretResolver secrets, StorageDatabaseGuard storage, TimeProvider time)
{
    public Task<StoredConfigSnapshot> LoadAsync(CancellationToken cancellationToken) => store.GetConfigAsync(cancellationToken);

    /// <summary>The configuration in force (with which items are provisioned, and from where).</summary>
    public DashboardConfig InForce => composer.Current;

    /// <summary>Why an edit of a provisioned item is refused, or null when it is not provisioned.</summary>
    public string? Refusal(string kind, string? name) => Origin(kind, name) is { } origin
        ? $"The {Label(kind)} '{name}' is provisioned from {origin}: it is read-only here. Change the file, or save a copy to edit it here."
        : null;

    public ItemOrigin? Origin(string kind, string? name) => kind switch
    {
        StoredConfigKinds.Source => composer.Current.Provenance.SourceOrigin(name),
        StoredConfigKinds.Dashboard => composer.Current.Provenance.DashboardOrigin(name),
        _ => null,
    };

    public async Task<AdminSaveOutcome> SaveSourceAsync(SourceForm form, string user, CancellationToken cancellationToken)
    {
        var name = (form.Name ?? "").Trim();
        if (Origin(StoredConfigKinds.Source, name) is { } origin)
        {
            return Refused(form.Version is null ? "Name" : AdminFieldErrors.General, form.Version is null
                ? $"a source named '{name}' is provisioned from {origin}; choose another name"
                : Refusal(StoredConfigKinds.Source, name)!);
        }

        var snapshot = await store.GetConfigAsync(cancellationToken);
        var errors = new AdminFieldErrors();
        var existingItem = snapshot.Items.FirstOrDefault(i => i.Kind == StoredConfigKinds.Source && string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
        if (form.Version is null && existingItem is not null)
        {
            errors.Add("Name", $"a source named '{existingItem.Name}' already exists");
            return AdminSaveOutcome.Invalid(errors);
        }

        if (form.Version is not null && existingItem is null)
        {
            return AdminSaveOutcome.Conflicted($"The source '{name}' was deleted by someone else since you opened it. Your changes were not saved.");
        }

        var existing = existingItem is null ? null : StoredConfigDocuments.ReadSource(existingItem);
        var source = form.ToOptions(existing, errors);
        if (existingItem is not null)
        {
            source.Name = existingItem.Name;
        }

        await CheckSourceAsync(source, snapshot, errors, cancellationToken);
        if (errors.Any)
        {
            return AdminSaveOutcome.Invalid(errors);
        }

        var action = existing is null ? "create" : "update";
        var summary = existing is null ? $"after: {Summarize(source)}" : $"{KindChange(existing, source)}before: {Summarize(existing)}; after: {Summarize(source)}";
        return await SaveItemAsync(StoredConfigKinds.Source, "source", source.Name, source, form.Version, action, summary, user, cancellationToken);
    }

    /// <summary>Deletes a stored source. One a file shadows may always go (the file's stays in force); otherwise not
    /// while a panel in force uses it.</summary>
    public async Task<AdminSaveOutcome> DeleteSourceAsync(string name, long version, string user, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetConfigAsync(cancellationToken);
        var options = StoredConfigDocuments.ToOptions(snapshot.Items);
        if (snapshot.Find(StoredConfigKinds.Source, name) is null && Refusal(StoredConfigKinds.Source, name) is { } refusal)
        {
            return Refused(AdminFieldErrors.General, refusal);
        }

        List<string> users = Origin(StoredConfigKinds.Source, name) is not null ? [] : [.. composer.Current.Options.Dashboards
            .SelectMany(d => d.Panels.Where(p => string.Equals(p.Source, name, StringComparison.OrdinalIgnoreCase)).Select(p => $"'{p.Title}' on '{d.Slug}'"))];
        if (users.Count > 0)
        {
            var errors = new AdminFieldErrors();
            errors.Add(AdminFieldErrors.General, $"The source '{name}' cannot be deleted while panels use it: {string.Join(", ", users)}. Change or delete those panels first.");
            return AdminSaveOutcome.Invalid(errors);
        }

        var existing = options.Sources.GetValueOrDefault(name);
        var result = await store.DeleteConfigItemAsync(
            StoredConfigKinds.Source,
            existing?.Name ?? name,
            version,
            new AuditEntry(time.GetUtcNow(), user, "delete", StoredConfigKinds.Source, existing?.Name ?? name, existing is null ? "" : $"before: {Summarize(existing)}"),
            cancellationToken);
        if (result.Conflict)
        {
            return AdminSaveOutcome.Conflicted(ConflictMessage("source", name, result.CurrentVersion));
        }

        await stored.ReloadAsync(cancellationToken);
        return AdminSaveOutcome.Success();
    }

    /// <summary>Creates (<paramref name="version"/> null) or replaces a dashboard from its JSON, validated with the whole configuration.</summary>
    /// <param name="validateOnly">Check the whole configuration with this dashboard in it, but save nothing (a form with
    /// errors of its own still gets every other message at once).</param>
    public async Task<AdminSaveOutcome> SaveDashboardAsync(string? slug, string json, long? version, string user, CancellationToken cancellationToken, bool validateOnly = false)
    {
        var errors = new AdminFieldErrors();
        DashboardDefinition? dashboard;
        try
        {
            dashboard = JsonSerializer.Deserialize<DashboardDefinition>(json, StoredConfigDocuments.Json);
        }
        catch (JsonException ex)
        {
            errors.Add("Json", JsonErrorText.Describe(ex));
            return AdminSaveOutcome.Invalid(errors);
        }

        if (dashboard is null)
        {
            errors.Add("Json", "a dashboard object is required");
            return AdminSaveOutcome.Invalid(errors);
        }

        if (slug is not null)
        {
            dashboard.Slug = slug; // The route names the dashboard; renaming is delete + create.
        }

        if (Origin(StoredConfigKinds.Dashboard, dashboard.Slug) is { } origin)
        {
            return Refused("Json", version is null
                ? $"Slug: a dashboard with the slug '{dashboard.Slug}' is provisioned from {origin}; choose another slug"
                : Refusal(StoredConfigKinds.Dashboard, dashboard.Slug)!);
        }

        var snapshot = await store.GetConfigAsync(cancellationToken);
        var existingItem = snapshot.Find(StoredConfigKinds.Dashboard, dashboard.Slug);
        if (version is null && existingItem is not null)
        {
            errors.Add("Json", $"Slug: duplicate slug '{dashboard.Slug}': a dashboard with it already exists");
            return AdminSaveOutcome.Invalid(errors);
        }

        if (version is not null && existingItem is null)
        {
            return AdminSaveOutcome.Conflicted(ConflictMessage("dashboard", dashboard.Slug, null));
        }

        var options = StoredConfigDocuments.ToOptions(snapshot.Items);
        var index = options.Dashboards.FindIndex(d => string.Equals(d.Slug, dashboard.Slug, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            options.Dashboards.Add(dashboard);
        }
        else
        {
            options.Dashboards[index] = dashboard;
        }

        DashboardOptionsSetup.Normalize(options);
        var (merged, validation) = Check(options, snapshot);
        var key = $"{DashboardOptions.Section}:Dashboards:{merged.Options.Dashboards.FindIndex(d => ReferenceEquals(d, dashboard))}";
        foreach (var error in validation.Where(e => e.StartsWith(key + ":", StringComparison.Ordinal)))
        {
            errors.Add("Json", error[(key.Length + 1)..]);
        }

        if (errors.Any || validateOnly)
        {
            return errors.Any ? AdminSaveOutcome.Invalid(errors) : AdminSaveOutcome.Checked();
        }

        var summary = $"{(existingItem is null ? "" : $"before: {Summarize(StoredConfigDocuments.ReadDashboard(existingItem))}; ")}after: {Summarize(dashboard)}";
        var action = existingItem is null ? "create" : "update";
        return await SaveItemAsync(StoredConfigKinds.Dashboard, "dashboard", dashboard.Slug, dashboard, version, action, summary, user, cancellationToken);
    }

    /// <summary>Changes the panels of the stored dashboard <paramref name="slug"/> and saves it through <see cref="SaveDashboardAsync"/>
    /// at <paramref name="version"/>, the version the form was opened at: a concurrent edit then conflicts instead of being lost.
    /// Panels are found by the ids the admin pages show (normalised). <paramref name="change"/> returns
    /// an outcome to stop with (e.g. the panel is gone) or null to save.</summary>
    public async Task<AdminSaveOutcome> SavePanelsAsync(
        string slug, long? version, Func<List<PanelOptions>, AdminSaveOutcome?> change, string user, CancellationToken cancellationToken, bool validateOnly = false)
    {
        if (Refusal(StoredConfigKinds.Dashboard, slug) is { } refusal)
        {
            return Refused(AdminFieldErrors.General, refusal);
        }

        var item = (await store.GetConfigAsync(cancellationToken)).Find(StoredConfigKinds.Dashboard, slug);
        if (item is null)
        {
            return AdminSaveOutcome.Conflicted(ConflictMessage("dashboard", slug, null));
        }

        var dashboard = StoredConfigDocuments.ReadNormalizedDashboard(item);
        if (change(dashboard.Panels) is { } stop)
        {
            return stop;
        }

        var json = JsonSerializer.Serialize(dashboard, StoredConfigDocuments.Json);
        return await SaveDashboardAsync(slug, json, version ?? item.Version, user, cancellationToken, validateOnly);
    }

    // One versioned save with its audit entry; a stale version is a conflict, success applies at once.
    private async Task<AdminSaveOutcome> SaveItemAsync<T>(
        string kind, string label, string name, T document, long? expectedVersion, string action, string summary, string user, CancellationToken cancellationToken)
    {
        var result = await store.SaveConfigItemAsync(
            new StoredConfigItem(kind, name, JsonSerializer.Serialize(document, StoredConfigDocuments.Json), 0),
            expectedVersion,
            new AuditEntry(time.GetUtcNow(), user, action, kind, name, summary),
            cancellationToken);
        if (result.Conflict)
        {
            return AdminSaveOutcome.Conflicted(ConflictMessage(label, name, result.CurrentVersion));
        }

        await stored.ReloadAsync(cancellationToken);
        return AdminSaveOutcome.Success();
    }

    /// <summary>Deletes a stored dashboard; one a file shadows may always go (the file's stays in force).</summary>
    public async Task<AdminSaveOutcome> DeleteDashboardAsync(string slug, long version, string user, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetConfigAsync(cancellationToken);
        var shadowed = Origin(StoredConfigKinds.Dashboard, slug) is not null;
        if (snapshot.Find(StoredConfigKinds.Dashboard, slug) is null && Refusal(StoredConfigKinds.Dashboard, slug) is { } refusal)
        {
            return Refused(AdminFieldErrors.General, refusal);
        }

        var options = composer.Current.Options;
        var errors = new AdminFieldErrors();
        if (shadowed)
        {
            // Not in force: nothing depends on it.
        }
        else if (options.Dashboards.Count <= 1)
        {
            errors.Add(AdminFieldErrors.General, "The last dashboard cannot be deleted: at least one dashboard is required.");
        }
        else if (string.Equals(options.DefaultDashboard, slug, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(AdminFieldErrors.General, $"'{slug}' is the default dashboard: choose another default first.");
        }

        if (errors.Any)
        {
            return AdminSaveOutcome.Invalid(errors);
        }

        var result = await store.DeleteConfigItemAsync(
            StoredConfigKinds.Dashboard, slug, version, new AuditEntry(time.GetUtcNow(), user, "delete", StoredConfigKinds.Dashboard, slug, ""), cancellationToken);
        if (result.Conflict)
        {
            return AdminSaveOutcome.Conflicted(ConflictMessage("dashboard", slug, result.CurrentVersion));
        }

        await stored.ReloadAsync(cancellationToken);
        return AdminSaveOutcome.Success();
    }

    /// <summary>"Save a copy" of a source in force (a provisioned one, typically): a stored source named
    /// <paramref name="newName"/> with the same settings, editable here and checked like any source saved here.</summary>
    public async Task<AdminSaveOutcome> CopySourceAsync(string name, string? newName, string user, CancellationToken cancellationToken)
    {
        if (composer.Current.FindSource(name) is not { } original)
        {
            return AdminSaveOutcome.Conflicted($"There is no source '{name}' any more. Nothing was changed.");
        }

        var copy = StoredConfigDocuments.ReadSource(new StoredConfigItem(StoredConfigKinds.Source, (newName ?? "").Trim(), JsonSerializer.Serialize(original, StoredConfigDocuments.Json), 0));
        var snapshot = await store.GetConfigAsync(cancellationToken);
        var errors = new AdminFieldErrors();
        if (Origin(StoredConfigKinds.Source, copy.Name) is { } taken)
        {
            errors.Add("Name", $"a source named '{copy.Name}' is provisioned from {taken}; choose another name");
        }
        else if (snapshot.Find(StoredConfigKinds.Source, copy.Name) is { } existing)
        {
            errors.Add("Name", $"a source named '{existing.Name}' already exists");
        }
        else
        {
            await CheckSourceAsync(copy, snapshot, errors, cancellationToken);
        }

        if (errors.Any)
        {
            return AdminSaveOutcome.Invalid(errors);
        }

        var from = Origin(StoredConfigKinds.Source, name) is { } origin ? $" (provisioned from {origin})" : "";
        return await SaveItemAsync(StoredConfigKinds.Source, "source", copy.Name, copy, null, "copy", $"copy of '{name}'{from}; after: {Summarize(copy)}", user, cancellationToken);
    }

    /// <summary>"Save a copy" of a dashboard in force: a stored dashboard with the slug <paramref name="newSlug"/> and the
    /// same panels (which keep using the same sources), editable here.</summary>
    public async Task<AdminSaveOutcome> CopyDashboardAsync(string slug, string? newSlug, string user, CancellationToken cancellationToken)
    {
        if (composer.Current.FindDashboard(slug) is not { } original)
        {
            return AdminSaveOutcome.Conflicted($"There is no dashboard '{slug}' any more. Nothing was changed.");
        }

        var copy = JsonSerializer.Deserialize<DashboardDefinition>(JsonSerializer.Serialize(original, StoredConfigDocuments.Json), StoredConfigDocuments.Json)!;
        copy.Slug = (newSlug ?? "").Trim();
        return await SaveDashboardAsync(null, JsonSerializer.Serialize(copy, StoredConfigDocuments.Json), null, user, cancellationToken);
    }

    /// <summary>Sets the default dashboard and the dashboards' order (the settings item, versioned like any other).</summary>
    public async Task<AdminSaveOutcome> SaveSettingsAsync(string? defaultDashboard, IReadOnlyList<string> order, long? version, string user, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetConfigAsync(cancellationToken);
        var before = StoredConfigDocuments.ReadSettings(snapshot.Items);
        var options = composer.Current.Options;
        var errors = new AdminFieldErrors();
        if (composer.Current.Provenance.DefaultDashboard is { } fileDefault)
        {
            // The file's default is in force; the stored choice is kept as it is (a disabled field posts nothing).
            if (!string.IsNullOrEmpty(defaultDashboard) && !string.Equals(defaultDashboard, options.DefaultDashboard, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("DefaultDashboard", $"the default dashboard is set by Dashboard:DefaultDashboard in {fileDefault}; change it there");
                return AdminSaveOutcome.Invalid(errors);
            }

            defaultDashboard = before.DefaultDashboard;
        }
        else if (!string.IsNullOrEmpty(defaultDashboard) && !options.Dashboards.Any(d => string.Equals(d.Slug, defaultDashboard, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("DefaultDashboard", $"no dashboard has the slug '{defaultDashboard}'");
            return AdminSaveOutcome.Invalid(errors);
        }

        var settings = new StoredSettings { DefaultDashboard = string.IsNullOrEmpty(defaultDashboard) ? null : defaultDashboard, DashboardOrder = [.. order] };
        var result = await store.SaveConfigItemAsync(
            StoredConfigDocuments.SettingsItem(settings),
            version,
            new AuditEntry(
                time.GetUtcNow(), user, "update", StoredConfigKinds.Settings, StoredConfigDocuments.SettingsName,
                $"before: default '{before.DefaultDashboard}', order [{string.Join(", ", before.DashboardOrder)}]; after: default '{settings.DefaultDashboard}', order [{string.Join(", ", settings.DashboardOrder)}]"),
            cancellationToken);
        if (result.Conflict)
        {
            return AdminSaveOutcome.Conflicted(ConflictMessage("settings", StoredConfigDocuments.SettingsName, result.CurrentVersion));
        }

        await stored.ReloadAsync(cancellationToken);
        return AdminSaveOutcome.Success();
    }

    private static string Summarize(DashboardDefinition dashboard) =>
        $"'{dashboard.Title}', {dashboard.Columns} columns, panels [{string.Join(", ", dashboard.Panels.Select(p => $"{p.Id ?? p.Title}:{p.Type}:{p.Source}"))}]";

    /// <summary>The configuration <paramref name="storedOptions"/> (the stored items after an edit) gives with the files in
    /// force, and every problem with it (keys as in the merged configuration).</summary>
    public (MergedConfig Merged, IReadOnlyList<string> Errors) Check(DashboardOptions storedOptions, StoredConfigSnapshot snapshot) =>
        Check(storedOptions, StoredConfigDocuments.ReadSettings(snapshot.Items).DashboardOrder);

    /// <inheritdoc cref="Check(DashboardOptions, StoredConfigSnapshot)"/>
    public (MergedConfig Merged, IReadOnlyList<string> Errors) Check(DashboardOptions storedOptions, IReadOnlyList<string> order)
    {
        var merged = composer.Merge(new StoredConfiguration(storedOptions, order));
        return (merged, composer.Validate(merged.Options));
    }

    /// <summary>What the validator says about <paramref name="panel"/> on a dashboard of <paramref name="columns"/> columns,
    /// with the sources in force (a preview shows only a panel that can be rendered).</summary>
    public IReadOnlyList<string> PanelProblems(PanelOptions panel, int columns) => composer.Validate(new DashboardOptions
    {
        Sources = composer.Current.Options.Sources,
        Dashboards = [new DashboardDefinition { Slug = "preview", Title = "Preview", Columns = columns, Panels = [panel] }],
    });

    // What the admin adds to the validator for a source typed in: reachable targets, secrets that are set, read-only SQL
    // that does not read the storage database; with the validator's messages about this source, by field.
    private async Task CheckSourceAsync(SourceOptions source, StoredConfigSnapshot snapshot, AdminFieldErrors errors, CancellationToken cancellationToken)
    {
        var options = StoredConfigDocuments.ToOptions(snapshot.Items);
        options.Sources[source.Name] = source;
        DashboardOptionsSetup.Normalize(options);
        errors.AddValidatorErrors(Check(options, snapshot).Errors, $"{DashboardOptions.Section}:Sources:{source.Name}", SourceForm.Fields);
        if (source.Http is { } http)
        {
            if (await rules.CheckUrlAsync(http.Url, cancellationToken) is { } urlError)
            {
                errors.Add("Http:Url", urlError);
            }

            foreach (var (field, message) in SecretReferenceChecks.Unset(secrets, http))
            {
                errors.Add(field, message);
            }
        }

        if (source.Sql is { } sql && AdminSourceRules.CheckSql(sql.Query) is { } sqlError)
        {
            errors.Add("Sql:Query", sqlError);
        }

        if (source.Sql is { } target && storage.Check(target.Connection) is { } connectionError)
        {
            errors.Add("Sql:Connection", connectionError);
        }
    }

    private static AdminSaveOutcome Refused(string field, string message)
    {
        var errors = new AdminFieldErrors();
        errors.Add(field, message);
        return AdminSaveOutcome.Invalid(errors);
    }

    private static string Label(string kind) => kind == StoredConfigKinds.Source ? "source" : kind;

    private static string ConflictMessage(string kind, string name, long? current) => current is null
        ? $"The {kind} '{name}' was deleted by someone else since you opened it. Nothing was changed."
        : $"The {kind} '{name}' was changed by someone else since you opened it (it is now at version {current}). Nothing was changed: reload it to see their change, then apply yours again.";

    /// <summary>A one-line description without secrets: no header or query values, no URL query string.</summary>
    public static string Summarize(SourceOptions source)
    {
        var what = source.Kind switch
        {
            SourceKinds.Http when source.Http is { } http => $"http {http.Method} {StripQuery(http.Url)} path '{http.Path}' headers [{string.Join(", ", http.Headers.Keys)}]",
            SourceKinds.Sql when source.Sql is { } sql => $"sql on '{sql.Connection}' parameters [{string.Join(", ", sql.Parameters.Keys)}]: {Shorten(sql.Query)}",
            _ => source.Kind,
        };
        var breaker = source.CircuitBreaker;
        var resilience = $"retries {source.Retry.MaxRetries} from {source.Retry.BaseDelay}, " + (breaker.Enabled
            ? $"breaker {breaker.MinimumThroughput} calls at ratio {breaker.FailureRatio.ToString(System.Globalization.CultureInfo.InvariantCulture)} in {breaker.SamplingDuration}, open {(breaker.BreakDuration is { } open ? open.ToString() : "until the next retry")}"
            : "breaker off");
        return $"{what}; {source.Shape}; deadline {source.RenderDeadline}, timeout {source.FetchTimeout}, max age {source.MaxAge}; {resilience}";
    }

    // Said first, so a kind switch stands out in the audit log.
    private static string KindChange(SourceOptions before, SourceOptions after) =>
        string.Equals(before.Kind, after.Kind, StringComparison.OrdinalIgnoreCase) ? "" : $"kind {before.Kind} → {after.Kind}; ";

    private static string StripQuery(string url) => url.Split('?', 2)[0];

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
