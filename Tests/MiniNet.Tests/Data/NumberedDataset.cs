using MiniNet.Data;

namespace MiniNet.Tests.Data;

/// <summary>Small datasets whose batches show which samples they hold.</summary>
internal static class NumberedDataset
{
    /// <summary>Sample i has features (i, -i) and label i % 10.</summary>
    public static Dataset Numbered(int count) => new(
        Enumerable.Range(0, count).SelectMany(i => new[] { (float)i, -i }).ToArray(),
        Enumerable.Range(0, count).Select(i => i % 10).ToArray(),
        featureCount: 2);

    /// <summary>The sample indices of one epoch (one enumeration), read back from the first feature of each batch row.</summary>
    public static List<int> Epoch(BatchedDataset batches) =>
        batches.SelectMany(batch => batch.Features.ToArray<float>().Where((_, i) => i % 2 == 0).Select(value => (int)value)).ToList();
}
