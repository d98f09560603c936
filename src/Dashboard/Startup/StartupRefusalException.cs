namespace Dashboard.Startup;

/// <summary>Stops start-up with a message for people: the process prints <see cref="Exception.Message"/> (one line per
/// problem, each saying what to set) to stderr without a stack trace and exits with <see cref="ExitCode"/>. Throw it
/// from anything that runs before the app serves; options validation failures are reported the same way.</summary>
public sealed class StartupRefusalException(string message, int exitCode = ExitCodes.Configuration, Exception? innerException = null)
    : Exception(message, innerException)
{
    public int ExitCode { get; } = exitCode > ExitCodes.Ok ? exitCode : ExitCodes.Unexpected;
}
