using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Support;

/// <summary>Options that never change, for constructing a type outside the app.</summary>
public sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
