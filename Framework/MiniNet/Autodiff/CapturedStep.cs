using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

/// <summary>
/// A training step's forward pass, loss and gradients, captured once and then replayed, as CUDA graphs and
/// <c>tf.function</c> do. The first <see cref="Run"/> is an ordinary eager step (layers build their variables and caches);
/// the second runs the loss function on a persistent tape and keeps the ops it ran and the temporary tensors they and the
/// backward pass made, in order; every later call runs those ops' forward passes again on the same tensors, then the same
/// backward pass, without calling the loss function: no op, tensor, buffer or list is made, so the step allocates nothing.
/// Replay runs the same kernels in the same order on the same values as an eager step: the same bits.
/// <code>
/// var x = Tensor.Zeros([64, 784]);                          // the step's inputs: fill them before each call
/// var y = new ClassLabels(new int[64], classCount: 10);
/// var step = new CapturedStep(() => loss.Call(y, model.Call(x)), model.TrainableVariables);
/// foreach (var (batchX, batchY) in batches)
/// {
///     batchX.AsSpan&lt;float&gt;().CopyTo(x.AsSpan&lt;float&gt;()); batchY.AsSpan&lt;int&gt;().CopyTo(y.AsSpan&lt;int&gt;());
///     optimizer.ApplyGradients(step.Run(), model.TrainableVariables);
/// }
/// </code>
/// The step is replayed only if everything it computes comes from ops that read nothing but their inputs (dropout draws a
/// new mask each step; batch normalization updates its moving statistics) and every op reads a variable, a tensor made
/// before the step (its inputs, a layer's constants) or an earlier op's output. Otherwise every call runs eagerly, as
/// <see cref="EagerBecause"/> says. A replay runs the ops the capture ran: code that chooses its ops from the data's values
/// (a branch on <c>x.Item()</c>) would replay the captured choice, so such a step is made with <c>eager: true</c>. A replay
/// reuses the tensors of the last call: read what you need from them (the loss's value) before calling it again.
/// </summary>
public sealed class CapturedStep : IOpObserver
{
    private readonly Func<Tensor> _loss;
    private readonly IReadOnlyList<Variable> _variables;
    private readonly TemporaryLog _log = new();
    private readonly List<Op> _ops = [];
    private readonly List<int> _opEnds = []; // how many temporaries the step had made when each op's forward pass ended
    private GradientTape? _tape;
    private GradientAccumulator? _accumulator;
    private Tensor?[] _gradients = [];
    private bool _replaying;
    private int _calls;

    /// <summary>A step whose loss <paramref name="loss"/> computes (from inputs the caller fills before each call) and
    /// whose gradients are taken with respect to <paramref name="variables"/>; with <paramref name="eager"/>, every call runs
    /// the loss function anew on a tape (the same numbers; as Keras's <c>run_eagerly</c>, for stepping through the code).</summary>
    public CapturedStep(Func<Tensor> loss, IReadOnlyList<Variable> variables, bool eager = false)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(variables);
        (_loss, _variables) = (loss, [.. variables]);
        if (eager) EagerBecause = "it was made with eager: true";
    }

    /// <summary>The last call's loss (reused by the next call), or null before the first.</summary>
    public Tensor? Loss { get; private set; }

    /// <summary>Whether later calls replay the captured step.</summary>
    public bool IsCaptured => _tape != null;

    /// <summary>Why every call runs eagerly (the op that cannot be replayed, or the tensor made outside an op), or null.</summary>
    public string? EagerBecause { get; private set; }

    /// <summary>Runs the step and returns the gradient of the loss with respect to each variable, in order (null where the
    /// loss does not depend on one). Once captured, the same list and tensors every call.</summary>
    public IReadOnlyList<Tensor?> Run()
    {
        _calls++;
        if (_tape != null) return Replay();
        if (_calls == 1 || EagerBecause != null) return Eager();
        return Capture();
    }

    private Tensor?[] Eager()
    {
        var tape = new GradientTape();
        using (tape) Loss = _loss();
        return tape.Gradient(Loss, _variables);
    }

    private Tensor?[] Capture()
    {
        long madeBefore = Tensor.LastSerial;
        var tape = new GradientTape(persistent: true);
        _log.Record();
        OpObservers.Add(this);
        try
        {
            using (tape) Loss = _loss();
            EagerBecause = WhyNotReplayable(madeBefore);
            _accumulator = new GradientAccumulator(tape) { Sources = _variables };
            _gradients = new Tensor?[_variables.Count];
            if (EagerBecause != null) _log.Stop();
            tape.Backpropagate(Loss, _accumulator, UnconnectedGradients.None, _gradients);
        }
        finally
        {
            OpObservers.Remove(this);
            _log.Stop();
        }
        if (EagerBecause != null)
        {
            _ops.Clear();
            _opEnds.Clear();
            return [.. _gradients];
        }
        _tape = tape;
        return _gradients;
    }

    private Tensor?[] Replay()
    {
        _log.Replay();
        _replaying = true;
        OpObservers.Add(this); // (an op may keep, for its backward pass, what only an observed op keeps)
        try
        {
            for (int i = 0; i < _ops.Count; i++)
            {
                _ops[i].Replay();
                if (_log.Next != _opEnds[i])
                    throw new InvalidOperationException($"captured step: the replay of {_ops[i]} made {_log.Next - FirstTemporaryOf(i)} temporaries, its capture {_opEnds[i] - FirstTemporaryOf(i)}");
            }
            _accumulator!.Reopen();
            _tape!.Backpropagate(Loss!, _accumulator, UnconnectedGradients.None, _gradients);
            if (_log.Next != _log.Count)
                throw new InvalidOperationException($"captured step: the replay made {_log.Next} temporaries, its capture {_log.Count}");
        }
        finally
        {
            OpObservers.Remove(this);
            _replaying = false;
            _log.Stop();
        }
        return _gradients;
    }

    // Every op replayable, each made its output first of all its temporaries (none made between ops), and each reads a
    // variable, a tensor made before the step, or an earlier op's output.
    private string? WhyNotReplayable(long madeBefore)
    {
        var outputs = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < _ops.Count; i++)
        {
            var op = _ops[i];
            if (!op.Replayable) return $"{op} cannot be replayed: it does more than compute from its inputs";
            int start = FirstTemporaryOf(i);
            if (start == _opEnds[i] || !ReferenceEquals(_log[start], op.Output))
                return $"a tensor was made between ops, before {op}: layer code computed something outside an op";
            foreach (var input in op.Inputs)
                if (input is not Variable && input.Serial > madeBefore && !outputs.Contains(input))
                    return $"{op} reads a tensor made during the step outside an op";
            outputs.Add(op.Output);
        }
        return _ops.Count == 0 ? "the loss ran no op" : null;
    }

    // Where op i's temporaries start in the log: where the op before it ended.
    private int FirstTemporaryOf(int op) => op == 0 ? 0 : _opEnds[op - 1];

    /// <summary>Whether a capture has been tried (the step has run twice or more): from then on its inputs stay as they are.</summary>
    internal bool CaptureTried => _calls >= 2;

    void IOpObserver.OnOp(Op op)
    {
        if (_replaying) return;
        _ops.Add(op);
        _opEnds.Add(_log.Count);
    }
}
