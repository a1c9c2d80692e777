using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Optimizers;

/// <summary>Drives an optimizer with gradients chosen by the test instead of computed from a loss.</summary>
internal static class FixedGradients
{
    /// <summary>The gradients used by the hand-computed three-step tests: one row per step, for a two-element variable.</summary>
    public static readonly double[][] ThreeSteps = [[0.5, -1.0], [-0.25, 2.0], [1.0, 0.5]];

    /// <summary>The starting weights of the hand-computed three-step tests.</summary>
    public static readonly double[] Start = [1.0, -2.0];

    /// <summary>Applies one step per row of <paramref name="gradients"/> to a float64 variable starting at
    /// <paramref name="start"/>; returns the weights after each step.</summary>
    public static double[][] Run(Optimizer optimizer, double[] start, double[][] gradients) => Run(optimizer, Variable(start), gradients);

    /// <summary>As <see cref="Run(Optimizer, double[], double[][])"/>, on a variable the test keeps (to inspect the optimizer's slots).</summary>
    public static double[][] Run(Optimizer optimizer, Variable variable, double[][] gradients) =>
        [.. gradients.Select(gradient =>
        {
            optimizer.ApplyGradients([(new Tensor((double[])gradient.Clone(), gradient.Length), variable)]);
            return variable.ToArray<double>();
        })];

    /// <summary>A float64 variable holding a copy of <paramref name="values"/>.</summary>
    public static Variable Variable(params double[] values) => new(new Tensor((double[])values.Clone(), values.Length), "w");
}
