import Synchronization

/// Counters of the Allocation context, for `/metrics` and the benchmark.
public final class AllocationStatistics: Sendable {
    private let retries = Atomic<Int>(0)

    public init() {}

    /// Use cases re-run after losing a version race.
    public var conflictsRetried: Int { retries.load(ordering: .relaxed) }

    func recordRetry() { retries.add(1, ordering: .relaxed) }
}
