using System.Reflection;
using System.Runtime.InteropServices;

namespace MiniNet.Distributed;

/// <summary>
/// Points MPI.NET at MPICH. The MPI.NET 1.4.0 package is built for Microsoft MPI and imports every MPI function from
/// "msmpi.dll". MS-MPI follows the MPICH ABI: the same handle values for MPI_COMM_WORLD, MPI_FLOAT, MPI_DOUBLE,
/// MPI_LONG_LONG and MPI_SUM, the only ones MiniNet uses. So on Linux the same calls run on MPICH's library,
/// <see cref="FileName"/> (Debian's package <c>mpich</c>). Open MPI has another ABI (its handles are pointers) and does not
/// work. The name is resolved here, for MPI.NET's assembly only, rather than by a symlink in a system folder.
/// </summary>
internal static class MpichLibrary
{
    /// <summary>MPICH's shared library, ABI version 12.</summary>
    public const string FileName = "libmpich.so.12";

    private static int _registered;

    /// <summary>Installs the resolver once per process; on Windows, MS-MPI's own msmpi.dll is loaded as usual.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
            NativeLibrary.SetDllImportResolver(typeof(MPI.Communicator).Assembly, Resolve);
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "msmpi.dll" && !OperatingSystem.IsWindows() ? NativeLibrary.Load(FileName) : IntPtr.Zero;
}
