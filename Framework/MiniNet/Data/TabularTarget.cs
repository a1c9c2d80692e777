namespace MiniNet.Data;

/// <summary>What the target columns of a <see cref="TabularSchema"/> hold, and so which kind of <see cref="Dataset"/>
/// <see cref="TabularCsv"/> builds.</summary>
public enum TabularTarget
{
    /// <summary>Numbers, one per target column: regression targets, or 0/1 labels for binary cross-entropy. The dataset
    /// has float values of shape (number of target columns) (<see cref="Dataset.FromValues"/>).</summary>
    Values,

    /// <summary>One column of class names, e.g. penguin species. The training file's names, sorted (ordinal), are the
    /// classes (<see cref="TabularEncoding.TargetClasses"/>); a name's position is its class index
    /// (<see cref="Dataset.FromClassIndices"/>).</summary>
    Categories,

    /// <summary>One column of integer class indices (0, 1, 2, …; "3.0" is accepted as 3), used as they are
    /// (<see cref="Dataset.FromClassIndices"/>).</summary>
    ClassIndices,
}
