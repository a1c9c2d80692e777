using Microsoft.AspNetCore.Components;

namespace Playground.Components;

/// <summary>
/// A component that renders again only when something it shows may have changed: when one of its parameters differs from
/// the last render's (by <see cref="object.Equals(object, object)"/>: the same array or list, an equal record or string),
/// or after one of its own events. Blazor re-renders a child whose parameters include any object every time its parent
/// renders; while the page plays, the parent renders every frame to count epochs, and the settings panels and the pictures
/// (which are redrawn at a bounded rate, see Classifier) would otherwise be rebuilt and diffed every frame for nothing.
/// </summary>
public abstract class ChangeDrivenComponent : ComponentBase
{
    private Dictionary<string, object?>? _lastParameters;
    private bool _parametersUnchanged;

    /// <inheritdoc />
    public override Task SetParametersAsync(ParameterView parameters)
    {
        var now = parameters.ToDictionary().ToDictionary(parameter => parameter.Key, parameter => (object?)parameter.Value);
        _parametersUnchanged = _lastParameters is not null && now.Count == _lastParameters.Count &&
            now.All(parameter => _lastParameters.TryGetValue(parameter.Key, out object? last) && Equals(last, parameter.Value));
        _lastParameters = now;
        return base.SetParametersAsync(parameters);
    }

    /// <summary>False only for a render its parent asked for with the parameters it already shows; an event of its own,
    /// or a change, renders.</summary>
    protected override bool ShouldRender()
    {
        bool render = !_parametersUnchanged;
        _parametersUnchanged = false;
        return render;
    }
}
