namespace Dashboard.Admin;

/// <summary>The configured admin, as the type parameter of ASP.NET Core's <c>PasswordHasher&lt;T&gt;</c>.</summary>
public sealed record AdminUser(string UserName);
