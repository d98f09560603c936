namespace Dashboard.Storage;

/// <summary>One Data Protection key as the framework writes it: its XML document, under the name the framework gives it.</summary>
public sealed record StoredDataProtectionKey(string Name, string Xml, DateTimeOffset CreatedAt);
