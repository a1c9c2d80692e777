namespace MiniNet.Distributed;

/// <summary>
/// The 64-bit FNV-1a hash (Fowler, Noll and Vo): the same bytes give the same hash in every process, unlike
/// <see cref="string.GetHashCode()"/>, so ranks can compare hashes of their weights or host names.
/// </summary>
internal static class Fnv1a
{
    /// <summary>The hash of no bytes, where a hash starts.</summary>
    public const ulong Start = 14695981039346656037;

    private const ulong Prime = 1099511628211;

    /// <summary>Continues <paramref name="hash"/> over <paramref name="bytes"/>.</summary>
    public static ulong Add(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte value in bytes) hash = (hash ^ value) * Prime;
        return hash;
    }
}
