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
        Console.Error.WriteLine($"Set Dashboard:Admin:UserName = {user} and Dashboard:Admin:PasswordHash = the line above, e.g.");
        Console.Error.WriteLine($"  export Dashboard__Admin__UserName='{user}' Dashboard__Admin__PasswordHash='{hash}'");
        return 0;
    }

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
