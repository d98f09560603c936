namespace Dashboard.Panels.Charts;

/// <summary>What a timeseries render needs beyond its parameters: the placed geometry and the data table's markup.</summary>
public sealed record TimeseriesModel(TimeseriesGeometry Geometry, string Table);
