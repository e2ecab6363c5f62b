/// A snapshot of a pool's counters for metrics.
///
/// Promises: `inUse + idle <= open <= size`; the totals only grow.
public struct PostgresPoolStats: Sendable, Hashable {
    /// The maximum number of connections.
    public var size: Int
    /// Connections open or being opened.
    public var open: Int
    /// Connections lent out right now.
    public var inUse: Int
    /// Open connections waiting to be lent.
    public var idle: Int
    /// Callers waiting for a connection right now.
    public var waiting: Int
    /// Connections lent out since the pool started.
    public var totalAcquired: Int
    /// Acquires that failed with `.poolTimeout`.
    public var timeouts: Int
    /// Broken connections that were closed (and later replaced on demand).
    public var replaced: Int
}
