using MiniNet.Data;

namespace MiniNet.Tests.Data;

public class CsvLoaderTests
{
    private const string ThreeDigits = "label,p0,p1,p2\n2,0,255,51\n0,102,0,255\n9,1,2,3\n";
    private TempFolder _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Load_PlainFile_ReadsLabelsAndScaledFeatures()
    {
        var data = CsvLoader.Load(_folder.Write("digits.csv", ThreeDigits), "label", scale: 1f / 255, classCount: 10);

        Assert.That(data.Count, Is.EqualTo(3));
        Assert.That(data.FeatureCount, Is.EqualTo(3));
        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 2, 0, 9 }));
        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 0f, 1f, 0.2f, 0.4f, 0f, 1f, 1 / 255f, 2 / 255f, 3 / 255f }).Within(1e-7f));
    }

    [Test]
    public void Load_GzipFile_IsRecognisedByItsMagicBytesWhateverItsName()
    {
        var plain = CsvLoader.Load(_folder.Write("digits.csv", ThreeDigits), "label");
        var zipped = CsvLoader.Load(_folder.Write("digits-compressed.csv", ThreeDigits, gzip: true), "label");

        Assert.That(zipped.Labels.ToArray(), Is.EqualTo(plain.Labels.ToArray()));
        Assert.That(zipped.Features.ToArray(), Is.EqualTo(plain.Features.ToArray()));
    }

    [Test]
    public void Load_LabelByPositionAndChosenFeatures_KeepsTheGivenOrder()
    {
        string path = _folder.Write("mixed.csv", "a,b,class,c\n1,2,1,3\n4,5,0,6\n");

        var data = CsvLoader.Load(path, labelColumn: 2, featureColumns: [3, 0]);

        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 1, 0 }));
        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 3f, 1f, 6f, 4f }));
    }

    [Test]
    public void Load_FeaturesByName_KeepsTheGivenOrder()
    {
        string path = _folder.Write("mixed.csv", "a,b,class,c\n1,2,1,3\n4,5,0,6\n");

        var data = CsvLoader.Load(path, "class", featureColumns: ["c", "b"]);

        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 3f, 2f, 6f, 5f }));
    }

    [Test]
    public void Load_WholeNumberWrittenAsDecimal_IsAcceptedAsLabel()
    {
        var data = CsvLoader.Load(_folder.Write("float-labels.csv", "y,x\n3.0,1\n"), "y");

        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void Load_RowWithTooFewColumns_NamesFileLineAndCounts()
    {
        string path = _folder.Write("short.csv", "label,p0,p1\n1,2,3\n4,5\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 3: expected 3 columns (as in the header), found 2"));
        Assert.That(error.Line, Is.EqualTo(3));
    }

    [Test]
    public void Load_GzipRowWithTooManyColumns_NamesFileAndLine()
    {
        string path = _folder.Write("long.csv.gz", "label,p0\n1,2\n0,1\n1,2,3\n", gzip: true);

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 4: expected 2 columns (as in the header), found 3"));
    }

    [Test]
    public void Read_BlankLinesAnywhere_AreSkippedAndCountedAndLaterLinesKeepTheirNumbers()
    {
        string path = _folder.Write("blank.csv", "\nlabel,p0\n1,2\n\n  \n0,1\n\n\n");

        var result = CsvLoader.Read(path, "label");

        Assert.That(result.Dataset.Labels.ToArray(), Is.EqualTo(new[] { 1, 0 }));
        Assert.That(result.Dataset.Features.ToArray(), Is.EqualTo(new[] { 2f, 1 }));
        Assert.That(result.BlankLinesSkipped, Is.EqualTo(5), "one before the header, two in the middle, two at the end");
        string bad = _folder.Write("bad.csv", "label,p0\n1,2\n\n0,x\n");
        Assert.That(() => CsvLoader.Load(bad, "label"), Throws.InstanceOf<DataFormatException>().With.Property("Line").EqualTo(4));
    }

    [Test]
    public void Load_AFeatureValueFarOutsideItsColumn_IsAnErrorNamingItsLineAndColumn()
    {
        string path = _folder.Write("extreme.csv", "label,p0,p1\n0,1,0\n1,2,0\n0,3,255\n1,1e30,0\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Line, Is.EqualTo(5));
        Assert.That(error.Message, Does.StartWith($"{path}, line 5: column \"p0\": 1E+30 is far outside the rest of the column (1 to 3)"));
        Assert.That(error.Message, Does.EndWith("pass acceptExtremeValues: true to keep it"));
    }

    [Test]
    public void Read_AcceptingExtremeValues_KeepsAndListsThem()
    {
        string path = _folder.Write("extreme.csv", "label,p0,p1\n0,1,0\n1,2,0\n0,3,255\n1,1e30,0\n");

        var result = CsvLoader.Read(path, "label", acceptExtremeValues: true);

        Assert.That(result.Dataset.Count, Is.EqualTo(4));
        Assert.That(result.ExtremeValues.Select(extreme => (extreme.Line, extreme.Column, extreme.Value)), Is.EqualTo(new[] { (5, "\"p0\"", 1e30) }).Using<(int, string, double)>((a, b) => a.Item1 == b.Item1 && a.Item2 == b.Item2 && Math.Abs(a.Item3 / b.Item3 - 1) < 1e-6),
            "a lone 255 among zeros is not extreme: 255 is not 1000 times the scale of 0 (taken as 1)");
    }

    [Test]
    public void Load_ABinaryFile_SaysItIsNotATextFile()
    {
        string path = _folder.Write("model.bin", [(byte)'M', (byte)'N', 0, 0, 1, 2, 3]);

        Assert.That(() => CsvLoader.Load(path, "label"), Throws.InstanceOf<DataFormatException>().With.Message.EqualTo(
            $"{path}: not a text file (byte 2 is a NUL byte); a CSV file is text, plain or gzip-compressed"));
    }

    [Test]
    public void Load_FeatureThatIsNotANumber_QuotesTheTextAndColumn()
    {
        string path = _folder.Write("text.csv", "label,p0,p1\n1,2,3\n4,5,abc\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 3: column \"p1\": \"abc\" is not a finite number"));
    }

    [Test]
    public void Load_EmptyFeature_IsNotANumber()
    {
        string path = _folder.Write("hole.csv", "label,p0,p1\n1,,3\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 2: column \"p0\": \"\" is not a finite number"));
    }

    [Test]
    public void Load_FeatureNaN_IsRejected()
    {
        string path = _folder.Write("nan.csv", "label,p0\n1,NaN\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 2: column \"p0\": \"NaN\" is not a finite number"));
    }

    [Test]
    public void Load_LabelThatIsNotANumber_QuotesTheText()
    {
        string path = _folder.Write("cat.csv", "label,p0\ncat,1\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 2: label column \"label\": \"cat\" is not a number"));
    }

    [Test]
    public void Load_LabelThatIsNotAnInteger_NamesLine()
    {
        string path = _folder.Write("half.csv", "label,p0\n1,1\n2.5,1\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 3: label column \"label\": \"2.5\" is not an integer class index"));
    }

    [Test]
    public void Load_LabelAtOrAboveClassCount_IsOutOfRange()
    {
        string path = _folder.Write("ten.csv", "label,p0\n9,1\n10,1\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label", classCount: 10))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 3: label column \"label\": 10 is out of range [0, 10)"));
    }

    [Test]
    public void Load_NegativeLabel_IsNotAClassIndex()
    {
        string path = _folder.Write("negative.csv", "label,p0\n-1,1\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 2: label column \"label\": -1 is not a class index, which counts from 0"), "no [0, 2147483647] range, which reads like a bug");
    }

    [Test]
    public void Load_MissingLabelColumn_NamesTheHeaderLine()
    {
        string path = _folder.Write("unlabelled.csv", "p0,p1\n1,2\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 1: the header has no label column \"label\" (its columns: \"p0\", \"p1\")"));
    }

    [Test]
    public void Load_MissingFeatureColumn_NamesIt()
    {
        string path = _folder.Write("digits.csv", ThreeDigits);

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label", featureColumns: ["p0", "p9"]))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 1: the header has no feature column \"p9\" (its columns: \"label\", \"p0\", \"p1\", \"p2\")"));
    }

    [Test]
    public void Load_LabelPositionBeyondTheHeader_NamesTheColumnCount()
    {
        string path = _folder.Write("digits.csv", ThreeDigits);

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, labelColumn: 4))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 1: the header has 4 columns, so there is no column 4"));
    }

    [Test]
    public void Load_LabelAlsoListedAsFeature_IsRejected()
    {
        string path = _folder.Write("digits.csv", ThreeDigits);

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label", featureColumns: ["p0", "label"]))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 1: the label column \"label\" is also listed as a feature column"));
    }

    [Test]
    public void Load_EmptyFile_IsAnError()
    {
        string path = _folder.Write("empty.csv", "");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: the file is empty (expected a header line)"));
    }

    [Test]
    public void Load_EmptyGzipFile_IsAnError()
    {
        string path = _folder.Write("empty.csv.gz", "", gzip: true);

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: the file is empty (expected a header line)"));
    }

    [Test]
    public void Load_HeaderWithoutRows_IsAnError()
    {
        string path = _folder.Write("header.csv", "label,p0\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}: the file has a header but no data lines"));
    }

    [Test]
    public void Load_UnclosedQuote_IsMalformedCsvAtItsLine()
    {
        string path = _folder.Write("quote.csv", "label,p0\n1,2\n0,\"3\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Does.StartWith($"{path}, line 3: malformed CSV").And.EndWith(": \"\\\"3\""));
    }

    [Test]
    public void Load_MalformedLongLine_QuotesOnlyAShortEscapedExcerpt()
    {
        string garbage = "\"x\u0001\t" + new string('y', 500) + "\n";
        string path = _folder.Write("garbage.csv", "label,p0\n1,2\n0," + garbage);

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Does.EndWith($": \"\\\"x\\u0001\\t{new string('y', 36)}…\" (504 characters)"));
    }

    [Test]
    public void Load_SemicolonSeparatedFile_SaysWhichDelimiterItSeems()
    {
        string path = _folder.Write("semicolons.csv", "label;p0;p1\n1;2;3\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 1: the first line \"label;p0;p1\" has 1 column when split at ','; " +
            "is the file separated by ';'? CsvLoader reads comma-separated files only"));
    }

    [Test]
    public void Load_ByPositionFileWithoutHeader_IsAnErrorNotAnExampleLost()
    {
        string path = _folder.Write("headerless.csv", "2,0,255\n0,102,0\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, labelColumn: 0))!;

        Assert.That(error.Message, Does.StartWith($"{path}, line 1: the first line \"2,0,255\" is all numbers, so the file seems to have no header line"));
    }

    [Test]
    public void Load_ByNameFileWithoutHeader_SaysSoInsteadOfMissingColumn()
    {
        string path = _folder.Write("headerless.csv", "2,0,255\n0,102,0\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Does.Contain("seems to have no header line"));
    }

    [Test]
    public void Load_ByPositionWithoutHeader_ReadsTheFirstLineAsAnExample()
    {
        string path = _folder.Write("headerless.csv", "2,0,255\n0,102,0\n");

        var data = CsvLoader.Load(path, labelColumn: 0, hasHeader: false);

        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 2, 0 }));
        Assert.That(data.Features.ToArray(), Is.EqualTo(new[] { 0f, 255f, 102f, 0f }));
    }

    [Test]
    public void Load_WithoutHeaderBadValue_NamesTheColumnByPosition()
    {
        string path = _folder.Write("headerless.csv", "2,0,255\n0,x,0\n");

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, labelColumn: 0, hasHeader: false))!;

        Assert.That(error.Message, Is.EqualTo($"{path}, line 2: column 1: \"x\" is not a finite number"));
    }

    [Test]
    public void Load_HeaderOfColumnNumbers_IsTakenAsAHeader()
    {
        string path = _folder.Write("pandas.csv", "0,1,2\n2,0,255\n");

        var data = CsvLoader.Load(path, labelColumn: 0);

        Assert.That(data.Labels.ToArray(), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Load_CorruptGzip_NamesTheFile()
    {
        byte[] corrupt = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF];
        string path = _folder.Write("corrupt.csv.gz", corrupt);

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Does.StartWith($"{path}: corrupt gzip data"));
    }

    [Test]
    public void Load_TruncatedGzipEndingAtALineBreak_IsAnErrorNotFewerRows()
    {
        string whole = _folder.Write("whole.csv.gz", ThreeDigits, gzip: true);
        byte[] bytes = File.ReadAllBytes(whole);
        string path = _folder.Write("cut.csv.gz", bytes[..^8]); // without its trailer the data still decompresses in full

        var error = Assert.Throws<DataFormatException>(() => CsvLoader.Load(path, "label"))!;

        Assert.That(error.Message, Does.StartWith($"{path}: corrupt gzip data (truncated"));
    }

    [Test]
    public void Load_NonFiniteScale_NamesTheParameter()
    {
        string path = _folder.Write("digits.csv", ThreeDigits);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CsvLoader.Load(path, "label", scale: float.NaN))!;

        Assert.That(error.ParamName, Is.EqualTo("scale"));
    }
}
