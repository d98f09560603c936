using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Sign-in attempts per user name, from every address together: guessing spread over many addresses (a
/// botnet, or many clients behind one proxy) still counts against the name. Checked before the password is hashed,
/// so a refused attempt costs no PBKDF2 work. Counted in storage (<see cref="SignInAttemptCounter"/>), so several
/// instances share one limit.</summary>
public sealed class SignInUserLimiter(SignInAttemptCounter counter, IOptions<AdminOptions> options)
{
    /// <summary>The scope of per-name counts in <see cref="SignInAttemptCounter"/>.</summary>
    public const string Scope = "user";

    /// <summary>Longer names are cut: the key stays small, and such a name can never be the admin's anyway.</summary>
    private const int MaxKeyLength = 128;

    /// <summary>A lease for one attempt with <paramref name="userName"/>; dispose it. Not acquired: refuse the attempt.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(string? userName, CancellationToken cancellationToken) =>
        counter.AcquireAsync(Scope, Normalize(userName), options.Value.SignInUserPermitLimit, options.Value.SignInWindow, cancellationToken);

    /// <summary>Spacing and letter case do not make a new name (the check itself compares exactly).</summary>
    public static string Normalize(string? userName)
    {
        var name = (userName ?? "").Trim().ToUpperInvariant();
        return name.Length > MaxKeyLength ? name[..MaxKeyLength] : name;
    }
}
