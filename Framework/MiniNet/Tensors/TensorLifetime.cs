namespace MiniNet.Tensors;

// Keeping a temporary tensor past the TensorScope that owns it, and putting a tensor made elsewhere into the current scope.
public partial class Tensor
{
    /// <summary>
    /// Keeps this tensor alive past the end of the current <see cref="TensorScope"/>: it moves to the enclosing scope, or, at
    /// the outermost scope, becomes an ordinary tensor. Does nothing for a tensor that belongs to no scope. Returns this tensor.
    /// </summary>
    public Tensor MoveToOuterScope()
    {
        if (Owner == null) return this;
        Owner = Owner.Outer;
        Owner?.Own(this);
        return this;
    }

    /// <summary>Puts this tensor in the current <see cref="TensorScope"/>, if one is open, whose end recycles its buffer.</summary>
    private protected void OwnByCurrentScope()
    {
        if (TensorScope.Current is not { } scope) return;
        Owner = scope;
        scope.Own(this);
    }
}
