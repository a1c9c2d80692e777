using MiniNet.Data;

namespace MiniNet.Tests.Data;

public class TabularCsvTests
{
    private const string Cars = "Name,Mpg,Cylinders,Horsepower,Origin\nA,18,8,130,USA\nB,26,4,90,Europe\nC,31,4,65,Japan\nD,24,4,95,Europe\n";
    private const string Header = "Name,Mpg,Cylinders,Horsepower,Origin\n";
    private static readonly TabularSchema CarSchema = new(target: ["Mpg"], numeric: ["Cylinders", "Horsepower"], categorical: ["Origin"]);
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    private static TabularSchema CarSchemaWith(MissingValues missing = MissingValues.Error, UnknownCategories unknown = UnknownCategories.Error) =>
        new(target: ["Mpg"], numeric: ["Cylinders", "Horsepower"], categorical: ["Origin"], missing: missing, unknownCategories: unknown);

    [Test]
    public void Load_CategoricalColumn_IsOneHotInSortedOrderAfterTheNumbers()
    {
        var (data, encoding, dropped) = TabularCsv.Load(_folder.Write("cars.csv", Cars), CarSchema);

        Assert.That(encoding.FeatureNames, Is.EqualTo(new[] { "Cylinders", "Horsepower", "Origin=Europe", "Origin=Japan", "Origin=USA" }));
        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 8f, 130, 0, 0, 1, 4, 90, 1, 0, 0, 4, 65, 0, 1, 0, 4, 95, 1, 0, 0 }));
        Assert.That(data.TargetKind, Is.EqualTo(TargetKind.Values));
        Assert.That(data.TargetShape, Is.EqualTo(new[] { 1 }));
        Assert.That(data.TargetValues.ToArray(), Is.EqualTo(new[] { 18f, 26, 31, 24 }));
        Assert.That(dropped, Is.Zero);
    }

    [Test]
    public void Load_BlankLines_AreSkippedAndCounted()
    {
        var result = TabularCsv.Load(_folder.Write("cars.csv", Header + "A,18,8,130,USA\n\nB,26,4,90,Europe\n \n\n"), CarSchema);

        Assert.That(result.Dataset.TargetValues.ToArray(), Is.EqualTo(new[] { 18f, 26 }));
        Assert.That(result.BlankLinesSkipped, Is.EqualTo(3));
    }

    [Test]
    public void Load_AnExtremeTarget_IsAnErrorNamingItsLineAndColumn()
    {
        string path = _folder.Write("cars.csv", Cars + "E,1e30,4,88,Japan\n");

        Assert.That(() => TabularCsv.Load(path, CarSchema), Throws.InstanceOf<DataFormatException>().With.Message.StartsWith(
            $"{path}, line 6: column \"Mpg\": 1E+30 is far outside the rest of the column (18 to 31)"));
    }

    [Test]
    public void Load_AnExtremeFeatureAccepted_IsKeptAndListed()
    {
        string path = _folder.Write("cars.csv", Cars + "E,20,4,-5e9,Japan\n");

        var result = TabularCsv.Load(path, CarSchema, acceptExtremeValues: true);

        Assert.That(result.Dataset.Count, Is.EqualTo(5));
        Assert.That(result.ExtremeValues.Select(extreme => (extreme.Line, extreme.Column, extreme.Value)), Is.EqualTo(new[] { (6, "\"Horsepower\"", -5e9) }));
        Assert.That(() => TabularCsv.Load(path, CarSchema), Throws.InstanceOf<DataFormatException>().With.Message.Contains("line 6: column \"Horsepower\""));
    }

    [Test]
    public void Load_MissingMarker_DropsItsRowLikeAnEmptyFieldAndTravelsWithTheEncoding()
    {
        var schema = new TabularSchema(target: ["Mpg"], numeric: ["Weight"], categorical: ["Sex"], missing: MissingValues.DropRow, missingMarkers: ["."]);
        string path = _folder.Write("birds.csv", "Weight,Sex,Mpg\n1,F,1\n2,.,2\n3,M,3\n4,,4\n");

        var (data, encoding, dropped) = TabularCsv.Load(path, schema);

        Assert.That(dropped, Is.EqualTo(2), "the \".\" row and the empty-field row");
        Assert.That(encoding.FeatureNames, Is.EqualTo(new[] { "Weight", "Sex=F", "Sex=M" }), "no category \".\"");
        Assert.That(data.TargetValues.ToArray(), Is.EqualTo(new[] { 1f, 3f }));
        Assert.That(TabularEncoding.FromJson(encoding.ToJson()).Schema.MissingMarkers, Is.EqualTo(new[] { "." }));
    }

    [Test]
    public void Load_WithEncoding_AppliesTheTrainingVocabularyToAFileWithOtherColumnOrderAndFewerCategories()
    {
        var (_, encoding) = TabularCsv.Load(_folder.Write("train.csv", Cars), CarSchema);
        string other = _folder.Write("other.csv", "Origin,Extra,Horsepower,Mpg,Cylinders\nJapan,x,70,33,4\n");

        var (data, applied) = TabularCsv.Load(other, encoding);

        Assert.That(applied, Is.SameAs(encoding));
        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 4f, 70, 0, 1, 0 }));
        Assert.That(data.TargetValues.ToArray(), Is.EqualTo(new[] { 33f }));
    }

    [Test]
    public void Load_WithEncoding_UnseenCategoryNamesFileLineColumnAndValue()
    {
        var (_, encoding) = TabularCsv.Load(_folder.Write("train.csv", Cars), CarSchema);
        string other = _folder.Write("other.csv", Header + "A,18,8,130,USA\nE,40,4,50,Mars\n");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(other, encoding))!;

        Assert.That(error.Message, Is.EqualTo($"{other}, line 3: column \"Origin\": \"Mars\" is a category not seen in training " +
            "(3 known: \"Europe\", \"Japan\", \"USA\"); pass unknownCategories: UnknownCategories.AllZeros to encode it as all zeros"));
        Assert.That(error.Line, Is.EqualTo(3));
    }

    [Test]
    public void Load_WithEncodingAllZeros_UnseenCategoryIsAZeroBlock()
    {
        var (_, encoding) = TabularCsv.Load(_folder.Write("train.csv", Cars), CarSchemaWith(unknown: UnknownCategories.AllZeros));

        var (data, _) = TabularCsv.Load(_folder.Write("other.csv", Header + "E,40,4,50,Mars\n"), encoding);

        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 4f, 50, 0, 0, 0 }));
    }

    [TestCase("")]
    [TestCase("NA")]
    [TestCase(" null ")]
    public void Load_MissingValueByDefault_NamesFileLineAndColumn(string missing)
    {
        string path = _folder.Write("holes.csv", Header + "A,18,8,130,USA\nB,26,4," + missing + ",Europe\n");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, CarSchema))!;

        Assert.That(error.Message, Does.StartWith($"{path}, line 3: column \"Horsepower\" has a missing value (\"{missing.Trim()}\"); " +
            "pass missing: MissingValues.DropRow, FillMean or FillMedian"));
    }

    [Test]
    public void Load_DropRow_LeavesOutRowsWithAnyMissingValueAndCountsThem()
    {
        // B is the only European car, so once its row is dropped Europe is not a category.
        string path = _folder.Write("holes.csv", Header + "A,18,8,130,USA\nB,26,4,NA,Europe\nC,,4,65,Japan\nD,24,4,95,Japan\n");

        var (data, encoding, dropped) = TabularCsv.Load(path, CarSchemaWith(MissingValues.DropRow));

        Assert.That(dropped, Is.EqualTo(2));
        Assert.That(data.Count, Is.EqualTo(2));
        Assert.That(encoding.Vocabularies["Origin"], Is.EqualTo(new[] { "Japan", "USA" }));
        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 8f, 130, 0, 1, 4, 95, 1, 0 }));
    }

    [Test]
    public void Load_FillMean_FillsWithTheTrainingMeanAndMostFrequentCategoryAndDropsMissingTargets()
    {
        string path = _folder.Write("holes.csv", Header + "A,18,8,130,USA\nB,26,4,,Japan\nC,31,4,65,\nD,24,4,95,Japan\nE,,4,1000,USA\n");

        var (data, encoding, dropped) = TabularCsv.Load(path, CarSchemaWith(MissingValues.FillMean));

        float mean = (130f + 65f + 95f) / 3; // E's row is dropped for its missing target, so its 1000 does not count
        Assert.That(dropped, Is.EqualTo(1));
        Assert.That(encoding.NumericFills["Horsepower"], Is.EqualTo(mean).Within(1e-4f));
        Assert.That(encoding.CategoricalFills["Origin"], Is.EqualTo("Japan"));
        Assert.That(data.Row(1).ToArray(), Is.EqualTo(new[] { 4f, mean, 1, 0 }).Within(1e-4f));
        Assert.That(data.Row(2).ToArray(), Is.EqualTo(new[] { 4f, 65, 1, 0 }));
    }

    [Test]
    public void Load_FillMedian_FillsWithTheMeanOfTheTwoMiddleValues()
    {
        string path = _folder.Write("holes.csv", Cars + "E,20,6,,USA\n");

        var (data, encoding, _) = TabularCsv.Load(path, CarSchemaWith(MissingValues.FillMedian));

        Assert.That(encoding.NumericFills["Horsepower"], Is.EqualTo(92.5f)); // 65, 90, 95, 130
        Assert.That(data.Row(4)[1], Is.EqualTo(92.5f));
    }

    [Test]
    public void Load_WithEncodingFill_UsesTheTrainingFillNotTheOtherFilesMean()
    {
        var (_, encoding) = TabularCsv.Load(_folder.Write("train.csv", Cars), CarSchemaWith(MissingValues.FillMean));

        var (data, _) = TabularCsv.Load(_folder.Write("other.csv", Header + "E,20,6,,USA\nF,20,6,1,USA\n"), encoding);

        Assert.That(data.Row(0)[1], Is.EqualTo((130f + 90 + 65 + 95) / 4));
    }

    [Test]
    public void Load_TextInANumericColumn_NamesFileLineColumnAndValue()
    {
        string path = _folder.Write("text.csv", Header + "A,18,8,130,USA\nB,26,4,ninety,Europe\n");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, CarSchema))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 3: column \"Horsepower\": \"ninety\" is not a number"));
    }

    [Test]
    public void Load_NumberTooLargeForFloat32_IsAnError()
    {
        string path = _folder.Write("huge.csv", Header + "A,18,8,1e400,USA\n");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, CarSchema))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 2: column \"Horsepower\": \"1e400\" is not a finite float32 number"));
    }

    [Test]
    public void Load_SemicolonFileWithDecimalCommas_HintsAtTheDecimalPoint()
    {
        string path = _folder.Write("comma.csv", "Name;Mpg;Cylinders;Horsepower;Origin\nA;18,5;8;130;USA\n");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, CarSchema))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 2: target column \"Mpg\": \"18,5\" is not a number (the decimal point must be '.')"));
    }

    [Test]
    public void Load_SemicolonSeparatedFile_IsDetectedFromTheHeaderLine()
    {
        var (comma, _) = TabularCsv.Load(_folder.Write("cars.csv", Cars), CarSchema);

        var (semicolon, _) = TabularCsv.Load(_folder.Write("cars-semicolon.csv", Cars.Replace(',', ';')), CarSchema);

        Assert.That(semicolon.Features.ToArray(), Is.EqualTo(comma.Features.ToArray()));
    }

    [Test]
    public void Load_TabSeparatedFile_IsDetectedFromTheHeaderLine()
    {
        var (tab, _) = TabularCsv.Load(_folder.Write("cars.tsv", Cars.Replace(',', '\t')), CarSchema);

        Assert.That(tab.Count, Is.EqualTo(4));
    }

    [Test]
    public void Load_SemicolonFileReadWithCommas_SaysWhichDelimiterToPass()
    {
        string path = _folder.Write("cars.csv", Cars.Replace(',', ';'));

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, CarSchema, delimiter: ','))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 1: the header line \"Name;Mpg;Cylinders;Horsepower;Origin\" has 1 column " +
            "when split at ','; is the file separated by ';'? pass delimiter: ';'"));
    }

    [Test]
    public void Load_FileWithoutHeader_SaysSoRatherThanLosingTheFirstRow()
    {
        string path = _folder.Write("headerless.csv", "18,8,130,1\n26,4,90,2\n");
        var schema = new TabularSchema(target: ["Mpg"], numeric: ["Cylinders"]);

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, schema))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 1: the first line \"18,8,130,1\" has no column \"Cylinders\" and is all numbers: " +
            "the file seems to have no header line; add one naming the columns"));
    }

    [Test]
    public void Load_ColumnNamedInAnotherCase_SuggestsIt()
    {
        string path = _folder.Write("cars.csv", Cars);
        var schema = new TabularSchema(target: ["Mpg"], numeric: ["horsepower"]);

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, schema))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 1: the header has no column \"horsepower\" " +
            "(its columns: \"Name\", \"Mpg\", \"Cylinders\", \"Horsepower\", \"Origin\"); did you mean \"Horsepower\"?"));
    }

    [Test]
    public void Load_ColumnNamedWithATypo_SuggestsTheNearestAndListsTheColumns()
    {
        string path = _folder.Write("cars.csv", Cars);
        var schema = new TabularSchema(target: ["Mpg"], numeric: ["Horspower", "Weight_in_lbs"]);

        Assert.That(() => TabularCsv.Load(path, schema), Throws.InstanceOf<DataFormatException>().With.Message.EqualTo(
            $"{path}, line 1: the header has no column \"Horspower\" (its columns: \"Name\", \"Mpg\", \"Cylinders\", \"Horsepower\", \"Origin\"); did you mean \"Horsepower\"?"));
        var other = new TabularSchema(target: ["Mpg"], numeric: ["Weight_in_lbs"]);
        Assert.That(() => TabularCsv.Load(path, other), Throws.InstanceOf<DataFormatException>().With.Message.EndsWith(
            "no column \"Weight_in_lbs\" (its columns: \"Name\", \"Mpg\", \"Cylinders\", \"Horsepower\", \"Origin\")"));
    }

    [Test]
    public void Load_CategoriesTarget_GivesClassIndicesInSortedOrder()
    {
        string path = _folder.Write("birds.csv", "Species,Mass\nGentoo,5000\nAdelie,3700\nChinstrap,3500\nAdelie,3800\n");
        var schema = new TabularSchema(target: ["Species"], numeric: ["Mass"], targetKind: TabularTarget.Categories);

        var (data, encoding) = TabularCsv.Load(path, schema);

        Assert.That(encoding.TargetClasses, Is.EqualTo(new[] { "Adelie", "Chinstrap", "Gentoo" }));
        Assert.That(data.TargetKind, Is.EqualTo(TargetKind.ClassIndices));
        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 2, 0, 1, 0 }));
    }

    [Test]
    public void Load_WithEncoding_UnseenTargetClassIsAnError()
    {
        var schema = new TabularSchema(target: ["Species"], numeric: ["Mass"], targetKind: TabularTarget.Categories);
        var (_, encoding) = TabularCsv.Load(_folder.Write("birds.csv", "Species,Mass\nGentoo,5000\nAdelie,3700\n"), schema);
        string other = _folder.Write("other.csv", "Species,Mass\nEmperor,30000\n");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(other, encoding))!;

        Assert.That(error.Message, Is.EqualTo($"{other}, line 2: target column \"Species\": \"Emperor\" is a class not seen in training (2 known: \"Adelie\", \"Gentoo\")"));
    }

    [Test]
    public void Load_ClassIndicesTarget_UsesTheIntegersAsTheyAre()
    {
        string path = _folder.Write("digits.csv", "x,label\n0.5,7\n0.25,2.0\n");
        var schema = new TabularSchema(target: ["label"], numeric: ["x"], targetKind: TabularTarget.ClassIndices);

        var (data, _) = TabularCsv.Load(path, schema);

        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 7, 2 }));
    }

    [Test]
    public void Load_ClassIndicesTargetNegative_IsAnError()
    {
        string path = _folder.Write("digits.csv", "x,label\n0.5,-1\n");
        var schema = new TabularSchema(target: ["label"], numeric: ["x"], targetKind: TabularTarget.ClassIndices);

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, schema))!;

        Assert.That(error.Message, Does.StartWith($"{path}, line 2: target column \"label\": \"-1\" is not a class index"));
    }

    [Test]
    public void Load_TwoValueTargets_GiveATargetShapeOfTwo()
    {
        string path = _folder.Write("two.csv", "x,y1,y2\n1,2,3\n4,5,6\n");
        var schema = new TabularSchema(target: ["y1", "y2"], numeric: ["x"]);

        var (data, _) = TabularCsv.Load(path, schema);

        Assert.That(data.TargetShape, Is.EqualTo(new[] { 2 }));
        Assert.That(data.TargetValues.ToArray(), Is.EqualTo(new[] { 2f, 3, 5, 6 }));
    }

    [Test]
    public void Load_QuotedFieldsWithCommasAndSpaces_AreReadAsOneTrimmedValue()
    {
        string path = _folder.Write("quoted.csv", "Name,Mpg,Cylinders,Horsepower,Origin\r\n\"Ford, LTD\",18, 8 ,\"130\",\"USA\"\r\n");

        var (data, encoding) = TabularCsv.Load(path, CarSchema);

        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 8f, 130, 1 }));
        Assert.That(encoding.Vocabularies["Origin"], Is.EqualTo(new[] { "USA" }));
    }

    [Test]
    public void Load_RowWithTooFewColumns_NamesLineAndCounts()
    {
        string path = _folder.Write("short.csv", Header + "A,18,8,130\n");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, CarSchema))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 2: expected 5 columns (as in the header), found 4"));
    }

    [Test]
    public void Load_EveryRowDropped_IsAnError()
    {
        string path = _folder.Write("holes.csv", Header + "A,,8,130,USA\n");

        var error = Assert.Throws<DataFormatException>(() => TabularCsv.Load(path, CarSchemaWith(MissingValues.DropRow)))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: all 1 data lines have a missing value, so none is left"));
    }
}
