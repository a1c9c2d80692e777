using MiniNet.Training;

namespace MiniNet.Tests.Training;

public class HistoryTests
{
    private static History TwoEpochs()
    {
        var history = new History();
        history.Add(new EpochResult(1, new Dictionary<string, double> { ["loss"] = 0.5, ["accuracy"] = 0.75 }, 0.1));
        history.Add(new EpochResult(2, new Dictionary<string, double> { ["loss"] = 0.25, ["accuracy"] = 0.875, ["val_loss"] = 0.3 }, 0.1));
        return history;
    }

    [Test]
    public void Indexer_OfAMissingKey_ThrowsListingTheKeysLogged()
    {
        Assert.That(() => TwoEpochs()["val_acc"], Throws.InstanceOf<KeyNotFoundException>().With.Message.EqualTo(
            "history: nothing was logged as \"val_acc\"; logged: \"loss\", \"accuracy\", \"val_loss\""));
    }

    [Test]
    public void Indexer_OfAKeySomeEpochsLogged_GivesNaNForTheOthers()
    {
        Assert.That(TwoEpochs()["val_loss"], Is.EqualTo(new[] { double.NaN, 0.3 }));
        Assert.That(TwoEpochs()["loss"], Is.EqualTo(new[] { 0.5, 0.25 }));
    }

    [Test]
    public void Indexer_OfAnEmptyHistory_ThrowsSayingNoEpochHasEnded()
    {
        Assert.That(() => new History()["loss"], Throws.InstanceOf<KeyNotFoundException>().With.Message.Contains("no epoch has ended"));
    }
}
