namespace MiniNet.Data;

/// <summary>What a <see cref="TabularEncoding"/> does with a category its training file did not have, in a categorical
/// feature column of another file or of a row given to <see cref="TabularEncoding.Encode"/>.</summary>
public enum UnknownCategories
{
    /// <summary>An unseen category is an error naming the column and the value (and the file and line when loading).</summary>
    Error,

    /// <summary>An unseen category is encoded as all zeros in the column's one-hot block (scikit-learn's
    /// <c>OneHotEncoder(handle_unknown="ignore")</c>).</summary>
    AllZeros,
}
