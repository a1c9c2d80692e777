using MiniNet.Checkpoints;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Distributed.Tests;

/// <summary>The data-parallel optimizer on ranks that are threads of this process (<see cref="ThreadProcessGroup"/>), so the
/// arithmetic and the checks run without MPI; MpiProcessGroupTests runs the same through mpiexec.</summary>
public class DistributedOptimizerTests
{
    private static Variable Weights(params double[] values) => new(new Tensor((double[])values.Clone(), values.Length), "w");

    private static Sequential SmallModel() => new(8, [new Dense(16, Activation.Relu), new Dense(3)], seed: 7);

    [Test]
    public void TwoRanks_GradientsWeightedByTheirExamples_AverageToTheGlobalBatchsMeanGradient()
    {
        // Rank 0's gradient [1, 2] is the mean over 3 examples, rank 1's [4, 8] over 1: the mean over all 4 is
        // (3 × [1, 2] + 1 × [4, 8]) / 4 = [1.75, 3.5], so plain SGD at lr 1 from 0 gives [-1.75, -3.5] on both ranks.
        var weights = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = Weights(0, 0);
            var gradient = group.Rank == 0 ? new Tensor([1.0, 2.0], 2) : new Tensor([4.0, 8.0], 2);
            new DistributedOptimizer(new Sgd(1.0), group).ApplyGradients([(gradient, w)], examples: group.Rank == 0 ? 3 : 1);
            return w.ToArray<double>();
        });

        Assert.That(weights[0], Is.EqualTo(new[] { -1.75, -3.5 }));
        Assert.That(weights[1], Is.EqualTo(weights[0]));
    }

    [Test]
    public void WithoutExampleCounts_EachRankCountsOnce()
    {
        var weights = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = Weights(0);
            new DistributedOptimizer(new Sgd(1.0), group).ApplyGradients([(new Tensor([group.Rank == 0 ? 1.0 : 4.0], 1), w)]);
            return w.ToArray<double>()[0];
        });

        Assert.That(weights, Is.EqualTo(new[] { -2.5, -2.5 }));
    }

    [Test]
    public void PartOfBatch_WeightsTheNextStepByThePartsLength()
    {
        // A batch of 3 on 2 ranks: rank 0 draws 2 examples, rank 1 one. Rank 0's gradient 1 and rank 1's 4 average to
        // (2 × 1 + 1 × 4) / 3 = 2, so SGD at lr 1 from 0 gives -2 on both.
        var weights = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = Weights(0);
            var optimizer = new DistributedOptimizer(new Sgd(1.0), group);
            var part = optimizer.PartOfBatch(3);
            optimizer.ApplyGradients([(new Tensor([group.Rank == 0 ? 1.0 : 4.0], 1), w)]);
            return (part, w.ToArray<double>()[0]);
        });

        Assert.That(weights.Select(rank => rank.part), Is.EqualTo(new[] { (0, 2), (2, 1) }));
        Assert.That(weights.Select(rank => rank.Item2), Is.EqualTo(new[] { -2.0, -2.0 }));
    }

    [Test]
    public void PartOfBatch_ABatchSmallerThanTheRanks_IsEmptyOnEveryRank()
    {
        var parts = ThreadProcessGroup.RunRanks(3, group => new DistributedOptimizer(new Sgd(0.1), group).PartOfBatch(2));

        Assert.That(parts.Select(part => part.Length), Is.EqualTo(new[] { 0, 0, 0 }));
    }

    [Test]
    public void Fit_ABatchSmallerThanTheRanks_NamesTheBatchSize()
    {
        var errors = ThreadProcessGroup.RunRanks(3, group => Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var optimizer = new DistributedOptimizer(new Sgd(0.1), group);
            SmallModel().Fit(Blobs.Make(8, seed: 1), new SparseCategoricalCrossEntropy(), optimizer, 1, batchSize: 2, verbose: false, batchPart: optimizer.PartOfBatch);
        })!);

        Assert.That(errors.Select(error => error.ParamName), Has.All.EqualTo("batchSize"));
        Assert.That(errors[0].Message, Does.Contain("a batch of 2"));
    }

    [Test]
    public void MetricAverageCallback_LeavesEveryRankTheSumsOverAllRanks()
    {
        // Rank r's step adds a loss of 0.5 × (r + 1) over 10 + r examples and an accuracy total r over 10 + r; on 3 ranks the
        // sums are a loss of 0.5 × 10 + 1 × 11 + 1.5 × 12 = 34 over 33, and 3 right of 33.
        var totals = ThreadProcessGroup.RunRanks(3, group =>
        {
            var accuracy = new MiniNet.Metrics.Accuracy();
            var state = new FitState(SmallModel(), new SparseCategoricalCrossEntropy(), new Sgd(0.1), 1, 1, [accuracy]);
            var callback = new MetricAverageCallback(group);
            callback.OnEpochBegin(state);
            state.MeanLoss.Add(0.5 * (group.Rank + 1), 10 + group.Rank);
            accuracy.Restore(new MiniNet.Metrics.MetricState("accuracy", group.Rank, 10 + group.Rank));
            callback.OnBatchEnd(state, new BatchResult(0, 10 + group.Rank, 0.5, 0.5, 10 + group.Rank, 0));
            return (state.MeanLoss.WeightedSum, state.MeanLoss.TotalWeight, accuracy.Total, accuracy.Count);
        });

        Assert.That(totals, Has.All.EqualTo((34.0, 33.0, 3.0, 33L)));
    }

    [TestCase(null, new[] { 8.0, 16, 24, 64 })]
    [TestCase(2, new[] { 8.0, 32, 40, 64 })]
    public void MetricAverageCallback_SumsAtTheEpochsEnd_AndEveryBatchesStepsWhenAsked(int? everyBatches, double[] examplesSeen)
    {
        // 64 examples in global batches of 16, 8 per rank: between sums a rank's running loss counts its own 8 a step on top
        // of the totals last summed; the last step of the epoch (and, when asked, every second step) sums them over both.
        var seen = ThreadProcessGroup.RunRanks(2, group =>
        {
            var model = SmallModel();
            var optimizer = new DistributedOptimizer(new Sgd(0.1), group);
            var examples = new List<double>();
            model.Fit(Blobs.Make(64, seed: 1), new SparseCategoricalCrossEntropy(), optimizer, 1, 16, seed: 4, verbose: false, batchPart: optimizer.PartOfBatch,
                callbacks: [new MetricAverageCallback(group, everyBatches), new LambdaCallback(onBatchEnd: (state, _) => examples.Add(state.Position.EpochSamples))]);
            return examples;
        });

        Assert.That(seen[0], Is.EqualTo(examplesSeen));
        Assert.That(seen[1], Is.EqualTo(examplesSeen));
    }

    [Test]
    public void ThroughTheWrapper_TheWrappedOptimizerSteps_AndItsStateLoadsIntoABareOne()
    {
        var (iterations, velocity, loaded) = ThreadProcessGroup.RunRanks(1, group =>
        {
            var sgd = new Sgd(0.1, momentum: 0.9);
            var w = Weights(1.0);
            new DistributedOptimizer(sgd, group).ApplyGradients([(new Tensor([0.5], 1), w)]);
            var bare = new Sgd(0.1, momentum: 0.9);
            bare.ImportState(sgd.ExportState(), [w]);
            return (sgd.Iterations, sgd.SlotsOf(w)["velocity"].ToArray<double>()[0], bare.SlotsOf(w)["velocity"].ToArray<double>()[0]);
        })[0];

        Assert.That((iterations, velocity, loaded), Is.EqualTo((1L, 0.5, 0.5)));
    }

    [Test]
    public void TheWrappedOptimizersRule_StepsOnTheAveragedGradients()
    {
        // Rank 0's gradient 0.5 and rank 1's 1.5 average to 1, twice, with SGD lr 0.1 momentum 0.9: v₁ = 1, w₁ = 1 - 0.1 = 0.9;
        // v₂ = 0.9 + 1 = 1.9, w₂ = 0.9 - 0.19 = 0.71.
        var weights = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = Weights(1.0);
            var optimizer = new DistributedOptimizer(new Sgd(0.1, momentum: 0.9), group);
            var steps = new List<double>();
            for (int step = 0; step < 2; step++)
            {
                optimizer.ApplyGradients([(new Tensor([group.Rank == 0 ? 0.5 : 1.5], 1), w)]);
                steps.Add(w.ToArray<double>()[0]);
            }
            return steps;
        });

        Assert.That(weights[0], Is.EqualTo(new[] { 0.9, 0.71 }).Within(1e-12));
        Assert.That(weights[1], Is.EqualTo(weights[0]));
    }

    [Test]
    public void Averaging_ComesBeforeTheWrappedOptimizersClipping()
    {
        // 0.5 and 1.5 average to 1, then clipped to 0.8: w = 1 - 0.1 × 0.8 = 0.92; clipping first would give (0.5 + 0.8) / 2
        // = 0.65 and w = 0.935.
        var weights = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = Weights(1.0);
            new DistributedOptimizer(new Sgd(0.1) { ClipValue = 0.8 }, group).ApplyGradients([(new Tensor([group.Rank == 0 ? 0.5 : 1.5], 1), w)]);
            return w.ToArray<double>()[0];
        });

        Assert.That(weights, Is.EqualTo(new[] { 0.92, 0.92 }).Within(1e-12));
    }

    [Test]
    public void AVariableWithoutAGradient_IsLeftUntouched_AndTheOthersAveraged()
    {
        var weights = ThreadProcessGroup.RunRanks(2, group =>
        {
            var (first, second) = (Weights(1.0), Weights(2.0));
            new DistributedOptimizer(new Sgd(1.0), group).ApplyGradients([(new Tensor([group.Rank == 0 ? 1.0 : 3.0], 1), first), (null, second)]);
            return (first.ToArray<double>()[0], second.ToArray<double>()[0]);
        });

        Assert.That(weights, Is.EqualTo(new[] { (-1.0, 2.0), (-1.0, 2.0) }));
    }

    [Test]
    public void TheStateMembers_AreTheWrappedOptimizers()
    {
        var (wrapped, distributed) = ThreadProcessGroup.RunRanks(1, group =>
        {
            var sgd = new Sgd(0.1, momentum: 0.9);
            return (sgd, new DistributedOptimizer(sgd, group) { LearningRate = 0.05, ClipNorm = 2 });
        })[0];

        Assert.That((wrapped.LearningRate, wrapped.ClipNorm), Is.EqualTo((0.05, (double?)2)));
        Assert.That(distributed.HyperParameters, Is.EqualTo(new Sgd(0.1, momentum: 0.9).HyperParameters));
        Assert.That(distributed.ExportState().LearningRate, Is.EqualTo(0.05));
    }

    [Test]
    public void WrappingTwice_NamesTheProblem()
    {
        var errors = ThreadProcessGroup.RunRanks(1, group =>
        {
            var sgd = new Sgd(0.1);
            _ = new DistributedOptimizer(sgd, group);
            return Assert.Throws<ArgumentException>(() => _ = new DistributedOptimizer(sgd, group))!;
        });

        Assert.That(errors[0].Message, Does.Contain("wrapped twice"));
    }

    [Test]
    public void CallersGradients_AreLeftUnchanged()
    {
        var gradients = ThreadProcessGroup.RunRanks(2, group =>
        {
            var gradient = new Tensor([group.Rank + 1.0], 1);
            new DistributedOptimizer(new Sgd(0.1), group).ApplyGradients([(gradient, Weights(0))]);
            return gradient.ToArray<double>()[0];
        });

        Assert.That(gradients, Is.EqualTo(new[] { 1.0, 2.0 }));
    }

    [TestCase(2)]
    [TestCase(3)]
    public void Fit_RanksOnTheirParts_EndWithTheLossAccuracyAndWeightsOfOneProcessOnWholeBatches(int ranks)
    {
        // 200 examples in batches of 32: six full batches and one of 8. On 3 ranks the parts are 11, 11 and 10 (the last
        // 3, 3 and 2), so the gradients must be weighted by their example counts; an unweighted average differs by ~1e-3.
        var data = Blobs.Make(200, seed: 1);
        var single = SmallModel();
        var expected = single.Fit(data, new SparseCategoricalCrossEntropy(), new Sgd(0.1, momentum: 0.9), 2, 32, seed: 4, verbose: false);

        var runs = ThreadProcessGroup.RunRanks(ranks, group =>
        {
            var model = SmallModel();
            var optimizer = new DistributedOptimizer(new Sgd(0.1, momentum: 0.9), group);
            var history = model.Fit(data, new SparseCategoricalCrossEntropy(), optimizer, 2, 32, seed: 4, verbose: false,
                batchPart: optimizer.PartOfBatch, callbacks: [new MetricAverageCallback(group)]);
            return (History: history, Weights: model.TrainableVariables.SelectMany(v => v.ToArray<float>()).ToArray());
        });

        float[] singleWeights = [.. single.TrainableVariables.SelectMany(v => v.ToArray<float>())];
        foreach (var (history, weights) in runs)
        {
            Assert.That(history["loss"], Is.EqualTo(expected["loss"]).Within(1e-6));
            Assert.That(history["accuracy"], Is.EqualTo(expected["accuracy"]));
            Assert.That(weights, Is.EqualTo(singleWeights).Within(1e-6));
            Assert.That(weights, Is.EqualTo(runs[0].Weights), "every rank holds the same weights, bit for bit");
        }
    }

    [Test]
    public void DifferentStartingWeights_StopEveryRankBeforeTheFirstStep()
    {
        var errors = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = Weights(group.Rank == 0 ? 1.0 : 1.5);
            var optimizer = new DistributedOptimizer(new Sgd(0.1), group);
            return Assert.Throws<ReplicasDivergedException>(() => optimizer.ApplyGradients([(new Tensor([1.0], 1), w)]))!;
        });

        Assert.That(errors.Select(error => error.Step), Is.EqualTo(new[] { 1L, 1L }));
        Assert.That(errors[0].Message, Does.Contain("drifted apart before step 1").And.Contain("rank 0 has checksum").And.Contain("rank 1 has checksum"));
        Assert.That(errors[1].Message, Is.EqualTo(errors[0].Message));
    }

    [Test]
    public void AWeightNudgedOnOneRank_IsCaughtAtTheNextCheck()
    {
        // Checks before steps 1, 5, 9...: the nudge after step 3 on rank 1 is found before step 5.
        var errors = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = Weights(1.0);
            var optimizer = new DistributedOptimizer(new Sgd(0.1), group, checkEvery: 4);
            for (int step = 1; step <= 8; step++)
            {
                try
                {
                    optimizer.ApplyGradients([(new Tensor([0.5], 1), w)]);
                }
                catch (ReplicasDivergedException error)
                {
                    return error;
                }
                if (step == 3 && group.Rank == 1) w[0] += 1e-9;
            }
            return null;
        });

        Assert.That(errors.Select(error => error?.Step), Is.EqualTo(new long?[] { 5, 5 }));
    }

    [Test]
    public void RanksWithDifferentModels_StopNamingHowManyValuesEachWouldSend()
    {
        var errors = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = group.Rank == 0 ? Weights(1, 2) : Weights(1, 2, 3);
            var gradient = Tensor.Ones([w.Length], DType.Float64);
            return Assert.Throws<ReplicasDivergedException>(() => new DistributedOptimizer(new Sgd(0.1), group).ApplyGradients([(gradient, w)]))!;
        });

        Assert.That(errors[0].Message, Does.Contain("train different models").And.Contain("rank 0 all-reduces 3 values").And.Contain("rank 1 all-reduces 4 values"));
    }

    [Test]
    public void AllReduceCount_IsOnePerStep()
    {
        var counts = ThreadProcessGroup.RunRanks(2, group =>
        {
            var w = Weights(1);
            var optimizer = new DistributedOptimizer(new Sgd(0.1), group);
            for (int step = 0; step < 3; step++) optimizer.ApplyGradients([(new Tensor([0.5], 1), w)]);
            return optimizer.AllReduceCount;
        });

        Assert.That(counts, Is.EqualTo(new long[] { 3, 3 }));
    }

    [Test]
    public void CheckEvery_NotPositive_NamesTheValue()
    {
        var errors = ThreadProcessGroup.RunRanks(1, group => Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedOptimizer(new Sgd(0.1), group, checkEvery: 0))!);

        Assert.That(errors[0].ParamName, Is.EqualTo("checkEvery"));
        Assert.That(errors[0].ActualValue, Is.EqualTo(0));
    }

    [Test]
    public void ACheckpointOfTwoRanks_ResumesOnOneProcessWithTheSameGlobalBatch()
    {
        // The rule: a checkpoint holds the global batch's position and the one set of weights every rank shares, so it
        // resumes on any number of ranks that keeps the global batch size (here 32 on 2 ranks, then 32 on 1 process).
        var data = Blobs.Make(200, seed: 1);
        string path = Path.Combine(Path.GetTempPath(), $"mininet-distributed-{Guid.NewGuid():N}.ckpt");
        try
        {
            var straight = ThreadProcessGroup.RunRanks(2, group =>
            {
                var model = SmallModel();
                var optimizer = new DistributedOptimizer(new Sgd(0.1, momentum: 0.9), group);
                List<Callback> callbacks = [new MetricAverageCallback(group), .. group.IsRoot ? [new ModelCheckpoint(path, optimizer)] : Array.Empty<Callback>()];
                var history = model.Fit(data, new SparseCategoricalCrossEntropy(), optimizer, 1, 32, seed: 4, callbacks: callbacks, verbose: false, batchPart: optimizer.PartOfBatch);
                model.Fit(data, new SparseCategoricalCrossEntropy(), optimizer, 2, 32, seed: 4, verbose: false, batchPart: optimizer.PartOfBatch,
                    resumeFrom: new TrainingPosition(1, 0, 4, 32));
                return model.TrainableVariables.SelectMany(v => v.ToArray<float>()).ToArray();
            });

            var resumed = SmallModel();
            var sgd = new Sgd(0.1, momentum: 0.9);
            var position = Checkpoint.Load(path, resumed, sgd);
            resumed.Fit(data, new SparseCategoricalCrossEntropy(), sgd, 2, 32, seed: 4, verbose: false, resumeFrom: position);

            Assert.That(position, Is.EqualTo(new TrainingPosition(1, 0, 4, 32)));
            Assert.That(resumed.TrainableVariables.SelectMany(v => v.ToArray<float>()), Is.EqualTo(straight[0]).Within(1e-6));
            var otherBatch = Assert.Throws<ArgumentException>(() => SmallModel().Fit(data, new SparseCategoricalCrossEntropy(), new Sgd(0.1, momentum: 0.9),
                2, 16, seed: 4, verbose: false, resumeFrom: position))!;
            Assert.That(otherBatch.Message, Does.Contain("batch size 32, not seed 4 and batch size 16"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
