namespace MiniNet.Training;

/// <summary>Hooks into a fit, as Keras callbacks do: override the moments of interest. Every hook does nothing by default.</summary>
public abstract class Callback
{
    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin(FitState state) { }

    /// <summary>Before each epoch's first step.</summary>
    public virtual void OnEpochBegin(FitState state) { }

    /// <summary>After each training step.</summary>
    public virtual void OnBatchEnd(FitState state, BatchResult batch) { }

    /// <summary>After each epoch, once its training and validation metrics are known.</summary>
    public virtual void OnEpochEnd(FitState state, EpochResult epoch) { }

    /// <summary>After the last epoch (or after a callback stopped training).</summary>
    public virtual void OnTrainEnd(FitState state, History history) { }
}
