import Synchronization

/// A monotonically increasing count. Lock-free.
public final class Counter: Sendable {
    let count = Atomic<Int>(0)

    init() {}

    /// Adds `amount` (default 1); negative amounts are ignored, as counters never decrease.
    public func increment(by amount: Int = 1) {
        guard amount > 0 else { return }
        count.add(amount, ordering: .relaxed)
    }

    /// The current count.
    public var value: Int { count.load(ordering: .relaxed) }
}
