namespace Dashboard.Storage;

/// <summary>Storage could not be asked (down, frozen or refusing) where the caller needed an answer; a
/// <see cref="StorageFaults.IsOutage">storage outage</see> like the driver's own errors.</summary>
public sealed class StorageUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
