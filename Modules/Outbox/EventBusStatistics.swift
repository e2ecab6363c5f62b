import Synchronization

/// Counters for `/metrics`: what the bus delivered, what failed, what it set aside.
public final class EventBusStatistics: Sendable {
    private let deliveredCount = Atomic<Int>(0)
    private let duplicateCount = Atomic<Int>(0)
    private let failedCount = Atomic<Int>(0)
    private let deadCount = Atomic<Int>(0)
    private let publishedCount = Atomic<Int>(0)

    init() {}

    /// Events appended to the outbox by committed or uncommitted transactions.
    public var published: Int { publishedCount.load(ordering: .relaxed) }
    /// (event, subscriber) deliveries whose handler committed.
    public var delivered: Int { deliveredCount.load(ordering: .relaxed) }
    /// Deliveries skipped because the inbox showed them handled already.
    public var duplicatesSkipped: Int { duplicateCount.load(ordering: .relaxed) }
    /// Handler failures (each will be retried unless the event went dead).
    public var failed: Int { failedCount.load(ordering: .relaxed) }
    /// Events set aside after `maxAttempts` failures.
    public var deadLettered: Int { deadCount.load(ordering: .relaxed) }

    func recordPublished() { publishedCount.add(1, ordering: .relaxed) }
    func recordDelivered() { deliveredCount.add(1, ordering: .relaxed) }
    func recordDuplicate() { duplicateCount.add(1, ordering: .relaxed) }
    func recordFailure() { failedCount.add(1, ordering: .relaxed) }
    func recordDead() { deadCount.add(1, ordering: .relaxed) }
}
