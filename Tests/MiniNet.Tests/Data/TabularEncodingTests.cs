using System.Text.Json;
using MiniNet.Data;

namespace MiniNet.Tests.Data;

public class TabularEncodingTests
{
    private const string Cars = "Name,Mpg,Cylinders,Horsepower,Origin\nA,18,8,130,USA\nB,26,4,,Europe\nC,31,4,65.3,Japan\nD,24,4,95,\n";
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private TabularLoadResult LoadCars() => TabularCsv.Load(_folder.Write("cars.csv", Cars),
        new TabularSchema(target: ["Mpg"], numeric: ["Cylinders", "Horsepower"], categorical: ["Origin"], missing: MissingValues.FillMean));

    [Test]
    public void FromJson_OfToJson_GivesAnIdenticalEncoding()
    {
        var encoding = LoadCars().Encoding;

        var copy = TabularEncoding.FromJson(encoding.ToJson());

        Assert.That(copy.ToJson(), Is.EqualTo(encoding.ToJson()));
        Assert.That(copy.FeatureNames, Is.EqualTo(encoding.FeatureNames));
        Assert.That(copy.Vocabularies["Origin"], Is.EqualTo(encoding.Vocabularies["Origin"]));
        Assert.That(copy.NumericFills["Horsepower"], Is.EqualTo((130f + 65.3f + 95f) / 3).Within(1e-4f));
        Assert.That(copy.NumericFills["Horsepower"], Is.EqualTo(encoding.NumericFills["Horsepower"]), "the float must read back exactly");
        Assert.That(copy.CategoricalFills, Is.EqualTo(encoding.CategoricalFills));
        Assert.That(copy.Schema.Missing, Is.EqualTo(MissingValues.FillMean));
    }

    [Test]
    public void FromJson_Copy_LoadsAFileToTheSameNumbers()
    {
        var (data, encoding) = LoadCars();
        string path = _folder.Write("cars.csv", Cars);

        var (again, _) = TabularCsv.Load(path, TabularEncoding.FromJson(encoding.ToJson()));

        Assert.That(again.Features.ToArray(), Is.EqualTo(data.Features.ToArray()));
    }

    [Test]
    public void FromJson_VocabularyNotSorted_IsRejected()
    {
        string json = LoadCars().Encoding.ToJson().Replace("\"Europe\"", "\"Zulu\"");

        var error = Assert.Throws<JsonException>(() => TabularEncoding.FromJson(json))!;

        Assert.That(error.Message, Does.Contain("the vocabulary of \"Origin\""));
    }

    [Test]
    public void FromJson_FillValueMissingForAFillPolicy_IsRejected()
    {
        string json = LoadCars().Encoding.ToJson().Replace("\"Horsepower\":", "\"Weight\":");

        Assert.Throws<JsonException>(() => TabularEncoding.FromJson(json));
    }

    [Test]
    public void Encode_RawRow_EqualsTheLoadedRow()
    {
        var (data, encoding) = LoadCars();

        float[] features = encoding.Encode(new Dictionary<string, string> { ["Origin"] = "Japan", ["Horsepower"] = " 65.3", ["Cylinders"] = "4" });

        Assert.That(features, Is.EqualTo(data.Row(2).ToArray()));
    }

    [Test]
    public void Encode_MissingValue_IsFilledAsWhenLoading()
    {
        var (data, encoding) = LoadCars();

        float[] features = encoding.Encode(new Dictionary<string, string> { ["Origin"] = "Europe", ["Horsepower"] = "NA", ["Cylinders"] = "4" });

        Assert.That(features, Is.EqualTo(data.Row(1).ToArray()));
    }

    [Test]
    public void Encode_RowWithoutAFeatureColumn_NamesIt()
    {
        var encoding = LoadCars().Encoding;

        var error = Assert.Throws<ArgumentException>(() => encoding.Encode(new Dictionary<string, string> { ["Origin"] = "USA", ["Cylinders"] = "4" }))!;

        Assert.That(error.Message, Does.StartWith("tabular: the row has no column \"Horsepower\""));
    }

    [Test]
    public void Encode_UnseenCategory_NamesColumnAndValue()
    {
        var encoding = LoadCars().Encoding;

        var error = Assert.Throws<ArgumentException>(() => encoding.Encode(new Dictionary<string, string> { ["Origin"] = "Mars", ["Horsepower"] = "1", ["Cylinders"] = "4" }))!;

        Assert.That(error.Message, Does.StartWith("tabular: column \"Origin\": \"Mars\" is a category not seen in training"));
    }

    [Test]
    public void Describe_ListsTheEncodedFeaturesTargetAndPolicies()
    {
        var encoding = LoadCars().Encoding;

        Assert.That(encoding.Describe().ReplaceLineEndings("\n"), Is.EqualTo(
            "features (5): Cylinders, Horsepower, Origin=Europe, Origin=Japan, Origin=USA\n" +
            "target: Mpg, values (1)\n" +
            "missing values: filled (FillMean): Cylinders = 5, Horsepower = 96.76667, Origin = Europe\n" +
            "unknown categories: an error"));
    }

    [Test]
    public void Vocabularies_CannotBeChangedThroughTheProperty()
    {
        var encoding = LoadCars().Encoding;

        Assert.That(encoding.Vocabularies["Origin"], Is.Not.InstanceOf<string[]>());
    }
}
