using MiniNet.Optimizers;
using MiniNet.Optimizers.Schedules;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

/// <summary>The state API every optimizer inherits: <see cref="Optimizer.HyperParameters"/>, <see cref="Optimizer.ExportState"/>,
/// <see cref="Optimizer.ImportState"/>.</summary>
public class OptimizerStateTests
{
    [Test]
    public void HyperParameters_Sgd_NameTypeAndEveryConstructorSetting()
    {
        var parameters = new Sgd(0.1, momentum: 0.9, nesterov: true, form: MomentumForm.Keras).HyperParameters;

        Assert.That(parameters, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["type"] = "Sgd", ["Momentum"] = "0.9", ["Nesterov"] = "True", ["WeightDecay"] = "0", ["Form"] = "Keras", ["Schedule"] = "none",
        }));
    }

    [Test]
    public void HyperParameters_NestedSchedule_DescribesEachLevel()
    {
        var adam = new AdamW { Schedule = new LinearWarmup(new CosineDecay(0.01, decaySteps: 100), warmupSteps: 10) };

        var parameters = adam.HyperParameters;

        Assert.That(parameters["type"], Is.EqualTo("AdamW"));
        Assert.That(parameters["Beta2"], Is.EqualTo("0.999"));
        Assert.That(parameters["Schedule"], Is.EqualTo("LinearWarmup"));
        Assert.That(parameters["Schedule.WarmupSteps"], Is.EqualTo("10"));
        Assert.That(parameters["Schedule.Schedule"], Is.EqualTo("CosineDecay"));
        Assert.That(parameters["Schedule.Schedule.DecaySteps"], Is.EqualTo("100"));
    }

    [Test]
    public void ExportThenImport_IntoNewOptimizerAndVariable_ContinuesStepForStep()
    {
        // Three steps of momentum SGD in one go, against two steps, export, import into fresh objects, one more step.
        double[][] gradients = FixedGradients.ThreeSteps;
        var straight = FixedGradients.Run(new Sgd(0.1, momentum: 0.9), FixedGradients.Start, gradients)[^1];

        var first = new Sgd(0.1, momentum: 0.9);
        var w = FixedGradients.Variable(FixedGradients.Start);
        FixedGradients.Run(first, w, gradients[..2]);
        var state = first.ExportState();
        var second = new Sgd(0.1, momentum: 0.9);
        var restored = FixedGradients.Variable(w.ToArray<double>());
        second.ImportState(state, [restored]);
        FixedGradients.Run(second, restored, gradients[2..]);

        Assert.That(restored.ToArray<double>(), Is.EqualTo(straight));
        Assert.That(second.Iterations, Is.EqualTo(3));
    }

    [Test]
    public void ExportState_IsACopy_LaterStepsDoNotChangeIt()
    {
        var sgd = new Sgd(0.1, momentum: 0.9);
        var w = FixedGradients.Variable(1.0, 2.0);
        FixedGradients.Run(sgd, w, [[1.0, 1.0]]);

        var state = sgd.ExportState();
        FixedGradients.Run(sgd, w, [[5.0, 5.0]]);

        Assert.That(state.Slots.Single().Value.ToArray<double>(), Is.EqualTo(new[] { 1.0, 1.0 }));
        Assert.That(state.Iterations, Is.EqualTo(1));
    }

    [Test]
    public void ImportState_RestoresAChangedFixedLearningRateAndClipping()
    {
        var saved = new Sgd(0.1) { LearningRate = 0.025, ClipNorm = 2 };

        var restored = new Sgd(0.1);
        restored.ImportState(saved.ExportState(), []);

        Assert.That((restored.LearningRate, restored.ClipNorm, restored.ClipValue), Is.EqualTo((0.025, (double?)2, (double?)null)));
    }

    [Test]
    public void ImportState_ScheduleContinuesFromTheRestoredStepCount()
    {
        var schedule = new StepDecay(1.0, stepSize: 2, gamma: 0.5);
        var saved = new Sgd { Schedule = schedule };
        FixedGradients.Run(saved, FixedGradients.Variable(0.0), [[1.0], [1.0], [1.0]]);

        var restored = new Sgd { Schedule = new StepDecay(1.0, stepSize: 2, gamma: 0.5) };
        restored.ImportState(saved.ExportState(), [FixedGradients.Variable(0.0)]);

        Assert.That(restored.LearningRate, Is.EqualTo(0.5));
    }

    [Test]
    public void ImportState_OtherHyperParameters_ThrowsNamingEachDifference()
    {
        var state = new Sgd(0.1, momentum: 0.9).ExportState();

        Assert.That(() => new Sgd(0.1, momentum: 0.5, nesterov: true).ImportState(state, []),
            Throws.ArgumentException.With.Message.EqualTo(
                "optimizer: the state is for a differently configured optimizer: Momentum is 0.9 in the state but 0.5 here; Nesterov is False in the state but True here (Parameter 'state')"));
    }

    [Test]
    public void ImportState_OtherOptimizerType_ThrowsNamingBoth()
    {
        var state = new Sgd(0.1).ExportState();

        Assert.That(() => new Adam().ImportState(state, []),
            Throws.ArgumentException.With.Message.Contains("type is Sgd in the state but Adam here").And.Message.Contains("Beta1 is absent in the state but 0.9 here"));
    }

    [Test]
    public void ImportState_SlotOfUnknownVariable_ThrowsAndChangesNothing()
    {
        var saved = new Sgd(0.1, momentum: 0.9);
        FixedGradients.Run(saved, FixedGradients.Variable(1.0), [[1.0]]);
        var target = new Sgd(0.1, momentum: 0.9);
        var other = new Variable(new Tensor([0.0], 1), "other");
        FixedGradients.Run(target, other, [[3.0]]);

        Assert.That(() => target.ImportState(saved.ExportState(), [other]),
            Throws.ArgumentException.With.Message.StartsWith("optimizer: the state has slot 'velocity' of variable 'w', which is not among the variables given (other)"));
        Assert.That(target.Iterations, Is.EqualTo(1));
        Assert.That(target.SlotsOf(other)["velocity"].ToArray<double>(), Is.EqualTo(new[] { 3.0 }));
    }

    [Test]
    public void ImportState_SlotShapeDiffersFromVariable_ThrowsNamingBothShapes()
    {
        var saved = new Sgd(0.1, momentum: 0.9);
        FixedGradients.Run(saved, FixedGradients.Variable(1.0, 2.0), [[1.0, 1.0]]);

        Assert.That(() => new Sgd(0.1, momentum: 0.9).ImportState(saved.ExportState(), [FixedGradients.Variable(1.0)]),
            Throws.ArgumentException.With.Message.StartsWith("optimizer: slot 'velocity' of 'w' is (2) float64 in the state but the variable is (1) float64"));
    }
}
