namespace Dashboard.Storage;

/// <summary>Server-side admin sessions, shared by every instance: the admin cookie carries the id, and each request
/// checks that the session is still open. Implemented by both storage providers.</summary>
public interface IAdminSessionStore
{
    /// <summary>Records a new session; also deletes sessions that expired long ago.</summary>
    Task CreateSessionAsync(string id, string userName, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Whether the session exists, is not revoked and has not expired at <paramref name="now"/>.</summary>
    Task<bool> IsSessionOpenAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends the session for good (sign-out); false when there was no open session with that id.</summary>
    Task<bool> RevokeSessionAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);
}
