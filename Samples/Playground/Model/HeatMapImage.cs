namespace Playground.Model;

/// <summary>A grid of numbers as a picture the browser can show without a canvas: a 24-bit BMP in a data URI.</summary>
public static class HeatMapImage
{
    /// <summary>"data:image/bmp;base64,…" for a <paramref name="width"/> × (grid.Length / width) image, one pixel per value,
    /// row 0 of <paramref name="grid"/> at the top, each value coloured by <paramref name="color"/>.</summary>
    /// <exception cref="ArgumentException">The grid is empty or not a whole number of rows.</exception>
    public static string DataUri(float[] grid, int width, Func<float, (byte R, byte G, byte B)> color)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (width < 1 || grid.Length == 0 || grid.Length % width != 0)
            throw new ArgumentException($"heat map: {grid.Length} values are not whole rows of {width}", nameof(grid));
        int height = grid.Length / width, stride = (width * 3 + 3) / 4 * 4, size = 54 + stride * height;
        var bytes = new byte[size];
        // BITMAPFILEHEADER then BITMAPINFOHEADER, little-endian: 'BM', file size, pixel offset 54, header size 40,
        // width, height (positive: rows stored bottom-up), 1 plane, 24 bits per pixel, no compression.
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BitConverter.TryWriteBytes(bytes.AsSpan(2), size);
        BitConverter.TryWriteBytes(bytes.AsSpan(10), 54);
        BitConverter.TryWriteBytes(bytes.AsSpan(14), 40);
        BitConverter.TryWriteBytes(bytes.AsSpan(18), width);
        BitConverter.TryWriteBytes(bytes.AsSpan(22), height);
        BitConverter.TryWriteBytes(bytes.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(bytes.AsSpan(28), (short)24);
        for (int row = 0; row < height; row++)
        {
            int offset = 54 + (height - 1 - row) * stride;
            for (int column = 0; column < width; column++)
            {
                var (r, g, b) = color(grid[row * width + column]);
                bytes[offset + column * 3] = b;
                bytes[offset + column * 3 + 1] = g;
                bytes[offset + column * 3 + 2] = r;
            }
        }
        return "data:image/bmp;base64," + Convert.ToBase64String(bytes);
    }
}
