using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Server-side admin sessions (table <c>admin_sessions</c>, shared by every instance). Sign-in records one and
/// puts its id in the cookie; every request with the cookie checks it is still open; sign-out revokes it, so a copy of
/// the cookie taken before is refused afterwards, on any instance. Each check is bounded (a frozen database costs a
/// request <see cref="CheckBound"/> at most); while storage cannot answer, a session this instance saw open within
/// <see cref="OutageGrace"/> stays accepted, so an admin in the middle of an edit gets "storage unavailable" rather
/// than the sign-in page.</summary>
public sealed partial class AdminSessions(IDashboardStore store, IOptionsMonitor<AdminOptions> options, TimeProvider time, ILogger<AdminSessions> logger)
{
    public static readonly TimeSpan CheckBound = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan OutageGrace = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, DateTimeOffset> seenOpen = new(StringComparer.Ordinal);

    public enum State
    {
        Open,
        Ended,

        /// <summary>Storage cannot say, and this instance has not seen the session open lately.</summary>
        Unknown,
    }

    private IAdminSessionStore Sessions => store as IAdminSessionStore
        ?? throw new InvalidOperationException($"The storage provider '{store.Provider}' keeps no admin sessions.");

    /// <summary>Records a session for a principal that just proved its password and returns it with the session id.</summary>
    /// <exception cref="StorageUnavailableException">Storage could not record it: the sign-in must not happen.</exception>
    public async Task<ClaimsPrincipal> StartAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        await BoundedAsync(ct => Sessions.CreateSessionAsync(id, principal.Identity?.Name ?? "", now, now + options.CurrentValue.SessionAbsoluteLifetime, ct), cancellationToken);
        ForgetOld(now);
        seenOpen[id] = now;
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(AdminAuthentication.SessionClaim, id));
        return principal;
    }

    public async Task<State> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(AdminAuthentication.SessionClaim)?.Value is not { Length: > 0 } id)
        {
            return State.Ended; // A cookie from before sessions existed: sign in again.
        }

        var now = time.GetUtcNow();
        bool open;
        try
        {
            open = await BoundedAsync(ct => Sessions.IsSessionOpenAsync(id, now, ct), cancellationToken);
        }
        catch (StorageUnavailableException ex)
        {
            var recent = seenOpen.TryGetValue(id, out var at) && now - at < OutageGrace;
            LogUnverified(logger, recent, ex.Message);
            return recent ? State.Open : State.Unknown;
        }

        if (open)
        {
            seenOpen[id] = now;
            return State.Open;
        }

        seenOpen.TryRemove(id, out _);
        return State.Ended;
    }

    /// <summary>Revokes the principal's session everywhere.</summary>
    /// <exception cref="StorageUnavailableException">Storage could not revoke it: the session is still open.</exception>
    public async Task EndAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirst(AdminAuthentication.SessionClaim)?.Value is not { Length: > 0 } id)
        {
            return;
        }

        seenOpen.TryRemove(id, out _);
        await BoundedAsync(ct => Sessions.RevokeSessionAsync(id, time.GetUtcNow(), ct), cancellationToken);
    }

    private async Task<T> BoundedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await BoundedStorageCall.RunAsync(call, CheckBound, time, cancellationToken);
        }
        catch (Exception ex) when (StorageFaults.IsStorageError(ex) && ex is not StorageUnavailableException && !cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"admin sessions: {StorageFaults.Describe(ex)}", ex);
        }
    }

    private Task BoundedAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        BoundedAsync(async ct => { await call(ct); return true; }, cancellationToken);

    private void ForgetOld(DateTimeOffset now)
    {
        foreach (var (id, at) in seenOpen)
        {
            if (now - at >= OutageGrace)
            {
                seenOpen.TryRemove(id, out _);
            }
        }
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Admin session could not be checked (accepted as seen open lately: {Accepted}): {Reason}")]
    private static partial void LogUnverified(ILogger logger, bool accepted, string reason);
}
