namespace Dashboard.Admin;

/// <summary><c>dotnet run --project src/Dashboard -- hash-password [user]</c>: reads a password (hidden when typed,
/// or one line from standard input) and prints the hash and the configuration to put it in.</summary>
public static class PasswordHashCommand
{
    public const string Name = "hash-password";

    public static int Run(string[] args)
    {
        var user = args.Length > 1 ? args[1] : "admin";
        string? password;
        if (Console.IsInputRedirected)
        {
            password = Console.In.ReadLine();
        }
        else
        {
            password = ReadHidden("Password: ");
            if (ReadHidden("Repeat password: ") != password)
            {
                Console.Error.WriteLine("The passwords differ.");
                return 1;
            }
        }

        if (string.IsNullOrEmpty(password) || password.Length < 8)
        {
            Console.Error.WriteLine("Use a password of at least 8 characters.");
            return 1;
        }

        var hash = AdminCredentials.Hash(user, password);
        Console.WriteLine(hash);
        Console.Error.Write(Instructions(user, hash));
        return 0;
    }

    /// <summary>Every variable a local trial needs, one <c>export</c> per line, and what Production adds. Standard error,
    /// so <c>$(… hash-password)</c> captures the hash alone.</summary>
    public static string Instructions(string user, string hash) =>
        $"""
        For a local trial ({AdminSetupGuide.LocalRun} runs in Development), run these two lines where you start the app, then start it again:
        export Dashboard__Admin__UserName={ShellQuote(user)}
        export Dashboard__Admin__PasswordHash={ShellQuote(hash)}
        (or set Dashboard:Admin:UserName and Dashboard:Admin:PasswordHash in appsettings.json).
        In Production also set Dashboard__DataProtection__CertificatePath and Dashboard__DataProtection__CertificatePassword (a .pfx that encrypts the sign-in keys), or Dashboard__DataProtection__AllowUnencryptedKeys=true, and serve /admin over HTTPS (docs/admin.md).

        """;

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
