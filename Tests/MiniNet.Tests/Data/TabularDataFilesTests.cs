using MiniNet.Data;

namespace MiniNet.Tests.Data;

/// <summary>Checks the tables shipped in data/auto-mpg and data/penguins against the counts data/README.md documents
/// (counted there with awk over the CSV text).</summary>
public class TabularDataFilesTests
{
    private static string DataFile(params string[] parts) => Path.Combine([RepositoryRoot.Path, "data", .. parts]);

    // The columns of TensorFlow's Auto MPG regression tutorial.
    private static TabularSchema AutoMpg(MissingValues missing) => new(target: ["Miles_per_Gallon"],
        numeric: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year"], categorical: ["Origin"], missing: missing);

    [Test]
    public void AutoMpg_DroppingIncompleteRows_Keeps392Of406()
    {
        var (data, encoding, dropped) = TabularCsv.Load(DataFile("auto-mpg", "cars.csv"), AutoMpg(MissingValues.DropRow));

        Assert.That(data.Count, Is.EqualTo(392));
        Assert.That(dropped, Is.EqualTo(14)); // 8 without MPG, 6 without horsepower, none without both
        Assert.That(encoding.FeatureNames.Skip(6), Is.EqualTo(new[] { "Origin=Europe", "Origin=Japan", "Origin=USA" }));
        float[] features = data.Features.ToArray();
        Assert.That(Enumerable.Range(0, data.Count).Count(row => features[row * 9 + 8] == 1), Is.EqualTo(245), "cars from the USA");
    }

    [Test]
    public void AutoMpg_FillingMeans_Keeps398CarsWithMpgAndFillsHorsepowerWithTheirMean()
    {
        var (data, encoding, dropped) = TabularCsv.Load(DataFile("auto-mpg", "cars.csv"), AutoMpg(MissingValues.FillMean));

        Assert.That(data.Count, Is.EqualTo(398));
        Assert.That(dropped, Is.EqualTo(8));
        Assert.That(encoding.NumericFills["Horsepower"], Is.EqualTo(104.469f).Within(1e-3f)); // mean of 392 values
    }

    [Test]
    public void AutoMpg_ByDefault_FirstMissingValueIsAnErrorAtItsLine()
    {
        string path = DataFile("auto-mpg", "cars.csv");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, AutoMpg(MissingValues.Error)))!;

        Assert.That(error.Line, Is.EqualTo(12)); // citroen ds-21 pallas, no MPG
        Assert.That(error.Problem, Does.StartWith("column \"Miles_per_Gallon\" has a missing value"));
    }

    [Test]
    public void Penguins_AllColumnsDroppingIncompleteRows_Keeps334InThreeSpecies()
    {
        var schema = new TabularSchema(target: ["Species"], numeric: ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"],
            categorical: ["Island", "Sex"], targetKind: TabularTarget.Categories, missing: MissingValues.DropRow);

        var (data, encoding, dropped) = TabularCsv.Load(DataFile("penguins", "penguins.csv"), schema);

        Assert.That(data.Count, Is.EqualTo(334));
        Assert.That(dropped, Is.EqualTo(10));
        Assert.That(encoding.TargetClasses, Is.EqualTo(new[] { "Adelie", "Chinstrap", "Gentoo" }));
        Assert.That(encoding.Vocabularies["Sex"], Is.EqualTo(new[] { ".", "FEMALE", "MALE" }));
        int[] labels = data.Labels.ToArray();
        Assert.That(Enumerable.Range(0, 3).Select(label => labels.Count(l => l == label)), Is.EqualTo(new[] { 146, 68, 120 }));
    }
}
