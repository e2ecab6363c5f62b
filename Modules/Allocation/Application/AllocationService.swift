public import AllocationContracts
public import EventBus
public import Kernel
import AllocationDomain
import Foundation
public import Logging

/// The Allocation context's use cases behind `AllocationFacade` and its event handlers, one file per theme
/// (`UseCases/`).
public struct AllocationService: Sendable {
    let store: any UnitOfWork<AllocationRepositories>
    let catalog: any ProductCatalog
    let orders: any OrderLookup
    let notifier: any StockManagerNotifier
    let cursors: CursorCodec
    let locking: StockLocking
    /// Runs of a use case in all before a lost version race becomes `409 concurrent_update` (or, in an event
    /// handler, a failed delivery the bus retries later).
    let maxAttempts: Int
    let statistics: AllocationStatistics
    let logger: Logger
    /// When a change is recorded in the audit log.
    let clock: Clock

    public init(store: any UnitOfWork<AllocationRepositories>, catalog: any ProductCatalog, orders: any OrderLookup,
                notifier: any StockManagerNotifier,
                cursors: CursorCodec, locking: StockLocking = .rowLock, maxAttempts: Int = 20,
                statistics: AllocationStatistics = AllocationStatistics(), clock: Clock = .system, logger: Logger) {
        self.store = store
        self.catalog = catalog
        self.orders = orders
        self.notifier = notifier
        self.cursors = cursors
        self.locking = locking
        self.maxAttempts = maxAttempts
        self.statistics = statistics
        self.logger = logger
        self.clock = clock
    }

    public var conflictsRetried: Int { statistics.conflictsRetried }

    /// Runs `body` until it stores without a version conflict, undoing each lost attempt (bounded).
    func retryingConflicts<T: Sendable>(in tx: AllocationTransaction,
                                        _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await tx.undoable(body)
            } catch is VersionConflict {
                guard attempt < maxAttempts else { throw AllocationErrors.concurrentUpdates }
                statistics.recordRetry()
                attempt += 1
            }
        }
    }

    /// Stores each changed stock in SKU order (the order locks are taken in); a lost race throws `VersionConflict`.
    /// Stores each changed stock (version-checked) and, in the same transaction, the read models that show it: the
    /// SKUs' stock levels and the allocations of every order whose lines moved. Keeping them here rather than in
    /// handlers of Allocation's own events saves two commits per order and makes them read-your-writes (ADR 15).
    static func save(_ changed: [(new: Stock, original: Stock)], in tx: AllocationTransaction) async throws {
        var skus: [SKU] = []
        var orders: Set<UUID> = []
        for pair in changed.sorted(by: { $0.new.sku < $1.new.sku }) where pair.new != pair.original {
            guard try await tx.stock.save(pair.new, original: pair.original) else { throw VersionConflict() }
            skus.append(pair.new.sku)
            orders.formUnion(pair.new.ordersMoved(since: pair.original))
        }
        if !skus.isEmpty { try await tx.readModels.refreshStockLevels(skus) }
        for order in orders.sorted(by: { $0.uuidString < $1.uuidString }) { try await tx.readModels.refreshAllocations(of: order) }
    }

    var lockOnLoad: Bool { locking == .rowLock }
}

extension AllocationService: AllocationFacade {}
