using System.Diagnostics;
using MiniNet.Data;
using MiniNet.Tensors;

namespace MiniNet.Training;

// Fit's loop: the train step inside epochs and batches, with a callback at each moment and validation after each epoch.
// Fit (SequentialTraining.cs) checked its arguments and made the state, the batches and the callbacks before calling it.
public static partial class SequentialTraining
{
    private static History Loop(FitState state, BatchedDataset batches, TrainStep step, Callback[] hooks, Dataset? validation, TrainingPosition start)
    {
        var history = new History();
        foreach (var hook in hooks) hook.OnTrainBegin(state);
        for (int epoch = start.CompletedEpochs + 1; epoch <= state.Epochs && !state.StopTraining; epoch++)
        {
            int done = start.BeginEpoch(epoch, state);
            foreach (var hook in hooks) hook.OnEpochBegin(state);
            var clock = Stopwatch.StartNew();
            using var epochBatches = batches.GetEnumerator();
            for (int batch = 0; ; batch++)
            {
                using var scope = new TensorScope();
                if (!epochBatches.MoveNext()) break;
                if (batch < done) continue; // a resumed epoch: the batches it had trained are drawn, in order, and dropped
                var (x, y) = epochBatches.Current;
                state.Batch = batch;
                double batchLoss = step.Run(state, x, y);
                state.Trained();
                var result = new BatchResult(batch, y.Shape[0], batchLoss, state.MeanLoss.Result, (int)state.MeanLoss.TotalWeight, clock.Elapsed.TotalSeconds);
                foreach (var hook in hooks) hook.OnBatchEnd(state, result);
            }
            double trainSeconds = clock.Elapsed.TotalSeconds;

            var logs = state.Logs();
            if (validation != null) SequentialEvaluation.AddValidationLogs(logs, state.Model, validation, state.Loss, state.Metrics);
            var epochResult = new EpochResult(epoch, logs, trainSeconds);
            history.Add(epochResult);
            state.Position = new TrainingPosition(epoch, 0, state.Seed, state.BatchSize);
            foreach (var hook in hooks) hook.OnEpochEnd(state, epochResult);
        }
        foreach (var hook in hooks) hook.OnTrainEnd(state, history);
        return history;
    }
}
