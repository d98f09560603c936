using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Admin;

/// <summary>Sign-in attempts per user name, from every address together: guessing spread over many addresses (a
/// botnet, or many clients behind one proxy) still counts against the name. Checked before the password is hashed,
/// so a refused attempt costs no PBKDF2 work. Idle names are dropped by the partitioned limiter itself.</summary>
public sealed class SignInUserLimiter : IDisposable
{
    /// <summary>Longer names are cut: the key stays small, and such a name can never be the admin's anyway.</summary>
    private const int MaxKeyLength = 128;

    private readonly PartitionedRateLimiter<string> limiter;

    public SignInUserLimiter(IOptions<AdminOptions> options)
    {
        var admin = options.Value;
        limiter = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(name, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = admin.SignInUserPermitLimit,
            Window = admin.SignInWindow,
            QueueLimit = 0,
        }));
    }

    /// <summary>A lease for one attempt with <paramref name="userName"/>; dispose it. Not acquired: refuse the attempt.</summary>
    public RateLimitLease Acquire(string? userName) => limiter.AttemptAcquire(Normalize(userName));

    /// <summary>Spacing and letter case do not make a new name (the check itself compares exactly).</summary>
    public static string Normalize(string? userName)
    {
        var name = (userName ?? "").Trim().ToUpperInvariant();
        return name.Length > MaxKeyLength ? name[..MaxKeyLength] : name;
    }

    public void Dispose() => limiter.Dispose();
}
