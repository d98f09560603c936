namespace Dashboard.Sources.Engine;

/// <summary>Creates the source implementation for a configuration, picked by its kind.</summary>
public interface ISourceFactory
{
    ISource Create(SourceOptions options);
}
