using System.Net.Sockets;
using System.Reflection;
using Dashboard.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dashboard.Tests.Support;

/// <summary>The app's real store (both of its interfaces), with a switch that makes every call fail as a database that
/// refuses connections does. For "storage is down now" without stopping a server.</summary>
public class SwitchableStore : DispatchProxy
{
    private object inner = default!;

    /// <summary>Both store interfaces at once, so the proxy can stand for the real store.</summary>
    public interface IStore : IDashboardStore, IAdminSessionStore;

    public bool Down { get; set; }

    /// <summary>Registers the switchable store in place of the configured one; returns the switch.</summary>
    public static SwitchableStore Register(IServiceCollection services)
    {
        var store = Create<IStore, SwitchableStore>();
        var proxy = (SwitchableStore)(object)store;
        services.AddSingleton<IDashboardStore>(sp =>
        {
            proxy.inner = StorageServiceCollectionExtensions.CreateStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value, Path.GetTempPath());
            return store;
        });
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (Down && targetMethod!.ReturnType.IsAssignableTo(typeof(Task)))
        {
            var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
            var failed = typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)]);
            return targetMethod.ReturnType.IsGenericType
                ? failed!.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]).Invoke(null, [refused])
                : Task.FromException(refused);
        }

        try
        {
            return targetMethod!.Invoke(inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }
}
