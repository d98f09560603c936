namespace Dashboard.Tests.Support;

/// <summary>Marks a concrete test class whose inherited <see cref="ContractFactAttribute"/> tests need PostgreSQL:
/// they then follow the <see cref="PostgresFactAttribute"/> skip rule.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPostgresAttribute : Attribute;
