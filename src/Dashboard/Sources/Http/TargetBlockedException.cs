namespace Dashboard.Sources.Http;

/// <summary>Thrown by the connect guard when a source's host resolves to a link-local or cloud-metadata address;
/// its message is the reason viewers see.</summary>
public sealed class TargetBlockedException(string message) : Exception(message);
