using Microsoft.Extensions.Options;

namespace Dashboard.Storage;

/// <summary>SQLite storage serves one app process: instances would each keep their own cache, live versions and sign-in
/// counts without hearing of each other's changes (only PostgreSQL carries notifications between instances). So the
/// first process takes an exclusive advisory lock on <c>&lt;database&gt;.lock</c> for its lifetime, and a second one is
/// refused at start with a message saying what to do. The lock is the operating system's (an exclusive <c>flock</c>,
/// what .NET takes for <see cref="FileShare.None"/> on Unix): it goes with the process, even after <c>kill -9</c>.</summary>
public sealed class SqliteInstanceLock : IDisposable
{
    private FileStream? held;

    /// <summary>The lock file of a database file.</summary>
    public static string PathFor(string databasePath) => databasePath + ".lock";

    /// <summary>Takes the lock for <paramref name="databasePath"/>, or throws saying the database is in use. (Which process
    /// holds it cannot be read from the file: any other open of it takes a shared lock, which the exclusive one refuses.)</summary>
    public void Acquire(string databasePath)
    {
        var path = PathFor(databasePath);
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new OptionsValidationException(StorageServiceCollectionExtensions.SectionName, typeof(StorageOptions),
            [
                $"{StorageServiceCollectionExtensions.SectionName}:ConnectionString: the SQLite database {databasePath} is already in use by another "
                + $"Dashboard process (lock file {path}). SQLite storage serves one instance; stop the other one, or use PostgreSQL "
                + "(Dashboard:Storage:Provider=postgres) to run several instances (docs/ops.md, \"Running several instances\").",
            ]);
        }
    }

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }
}
