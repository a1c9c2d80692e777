using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

// A tape's op list and tracked set come from the thread's spares and go back once the tape is done with them, so a step's
// tape does not grow new ones every step.
public sealed partial class GradientTape
{
    // A non-persistent tape that has stopped recording and computed its gradient needs neither its ops nor its tracked set.
    private void GiveBackContainersWhenDone()
    {
        if (_recording || !_used || Persistent || _ops == null) return;
        _ops.Clear();
        _tracked!.Clear();
        SpareContainers<List<Op>>.GiveBack(_ops);
        SpareContainers<HashSet<Tensor>>.GiveBack(_tracked);
        (_ops, _tracked) = (null, null);
    }
}
