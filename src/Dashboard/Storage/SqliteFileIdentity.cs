using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Dashboard.Storage;

/// <summary>Which file a path really is: its device and inode, so a hard link, a bind mount or any other second name
/// of the storage file is recognised. Linux only (statx, whose layout is the same on every architecture); elsewhere
/// null, and the path comparison of <see cref="DatabaseIdentity"/> is what remains.</summary>
public static class SqliteFileIdentity
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxInode = 0x100;
    private const int StatxSize = 256;

    /// <summary>"device:inode" of the file (links followed), or null when it does not exist or cannot be asked.</summary>
    public static string? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        var name = Encoding.UTF8.GetBytes(path + "\0");
        try
        {
            if (Statx(AtCurrentDirectory, name, 0, StatxInode, buffer) != 0)
            {
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            return null; // A C library without statx (before glibc 2.28).
        }

        // struct statx: stx_ino at 32, stx_dev_major at 136, stx_dev_minor at 140.
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
        var major = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136));
        var minor = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        return $"{major}.{minor}:{inode}";
    }

    // DllImport rather than LibraryImport: blittable arrays need no marshalling, so the project needs no unsafe code.
    [DllImport("libc", EntryPoint = "statx")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] buffer);
}
