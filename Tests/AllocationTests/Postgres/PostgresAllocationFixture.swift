import AllocationApplication
import AllocationContracts
import AllocationDomain
import EventBus
import Foundation
import Kernel
import Logging
import OrdersContracts
import Outbox
import Postgres
import TestSupport
@testable import AllocationInfrastructure

/// A fresh, migrated database with the Allocation store and service on it. Handlers are not subscribed unless
/// asked: tests call the use cases in a transaction, as the bus would.
struct PostgresAllocationFixture {
    let db: TestDatabase
    let bus: DurableEventBus
    let store: PostgresUnitOfWork<AllocationRepositories>
    let service: AllocationService
    /// The fixture's "now": 2026-12-01T00:00:00Z, so expected ship dates are known (handling days: 2).
    static let today: TimeInterval = 1_796_083_200
    /// What handlers' transactions are wrapped in (tests that stage races).
    let wrap: @Sendable (AllocationTransaction) -> AllocationTransaction

    static func run(poolSize: Int = 4, locking: StockLocking = .rowLock, subscribe: Bool = false,
                    notifier: any StockManagerNotifier = RecordingNotifier(),
                    wrap: @escaping @Sendable (AllocationTransaction) -> AllocationTransaction = { $0 },
                    _ body: (PostgresAllocationFixture) async throws -> Void) async throws {
        // Concurrency tests queue more clients than connections on purpose: a generous acquire timeout keeps a
        // machine loaded by parallel suites from turning that queue into a failure; they assert outcomes, not speed.
        try await TestDatabase.withFresh(poolSize: poolSize, acquireTimeout: .seconds(60)) { db in
            _ = try await db.migrate()
            let logger = Logger(label: "test", minimumLevel: .error, sink: { _ in })
            let bus = DurableEventBus(pool: db.pool, logger: logger)
            let store = PostgresUnitOfWork(pool: db.pool, bus: bus, repositories: AllocationRepositories.init(on:))
            let service = AllocationService(store: store, catalog: EveryProductActive(), orders: OrdersKnownElsewhere(), notifier: notifier,
                                            cursors: CursorCodec(mac: fakeMAC), locking: locking,
                                            clock: .fixed(Date(timeIntervalSince1970: Self.today)), logger: logger)
            if subscribe { try AllocationModule.subscribe(service, in: store, on: bus) }
            try await body(PostgresAllocationFixture(db: db, bus: bus, store: store, service: service, wrap: wrap))
        }
    }

    /// Handles an `OrderPlaced` as the bus does: in a transaction of its own.
    func place(_ lines: [(String, Int)], order: UUID = UUID(), customer: UUID = UUID()) async throws {
        let event = OrderPlaced(orderId: order, customerId: customer,
                                lines: lines.map { OrderLineItem(sku: $0.0, quantity: $0.1, unitPrice: Money(amount: 100, currency: .eur)) },
                                total: Money(amount: 100, currency: .eur))
        try await store.transaction { tx in try await service.allocateOrder(event, in: wrap(tx)) }
    }

    func release(_ order: UUID, customer: UUID = UUID()) async throws {
        try await store.transaction { tx in try await service.releaseOrder(order, customerId: customer, in: wrap(tx)) }
    }

    /// Handles news of free stock of `sku` as the bus does (`recoverBackorders`), in a transaction of its own.
    func recover(_ sku: String) async throws {
        try await store.transaction { tx in try await service.recoverBackorders(of: SKU(stored: sku), in: wrap(tx)) }
    }

    func version(_ sku: String) async throws -> Int64? {
        try await db.pool.queryFirst("SELECT version FROM allocation.stock WHERE sku = $1", [.text(sku)])?.decode(Int64.self, at: 0)
    }

    func allocatedQuantity(_ sku: String) async throws -> Int {
        try await db.pool.queryFirst("SELECT COALESCE(sum(quantity), 0)::int FROM allocation.allocations WHERE sku = $1",
                                     [.text(sku)])?.decode(Int.self, at: 0) ?? -1
    }

    /// The payloads of outbox events named `E.name`, decoded.
    func published<E: IntegrationEvent>(_ type: E.Type) async throws -> [E] {
        try await db.pool.query("SELECT payload::text FROM messaging.outbox WHERE name = $1 ORDER BY occurred_at, created_at",
                                [.text(E.name)]).map { row in
            try JSONDecoder().decode(E.self, from: Data(try row.decode(String.self, at: 0).utf8))
        }
    }
}

/// A catalog in which every well-formed SKU is an active product.
struct EveryProductActive: ProductCatalog {
    func activeSKUs(_ skus: [String]) async throws -> Set<String> {
        Set(skus.compactMap { SKU(normalizing: $0)?.value })
    }
}

/// Orders as the Orders context knows them (order id → customer id): what Allocation asks about an order it has
/// not heard of yet. Empty unless a test places an order "at Orders" only.
struct OrdersKnownElsewhere: OrderLookup {
    let orders: Locked<[UUID: UUID]>

    init(_ orders: [UUID: UUID] = [:]) { self.orders = Locked(orders) }

    func isVisible(orderId: UUID, to caller: Caller) async throws -> Bool {
        guard let customer = orders.snapshot[orderId] else { return false }
        return caller.isStaff || customer == caller.userId
    }
}

/// A stock manager who reads everything and can be made to fail.
final class RecordingNotifier: StockManagerNotifier, @unchecked Sendable {
    private let lock = NSLock()
    private var received: [OutOfStock] = []
    let fails: Bool
    init(fails: Bool = false) { self.fails = fails }

    var notifications: [OutOfStock] { lock.withLock { received } }

    func outOfStock(_ event: OutOfStock) async throws {
        lock.withLock { received.append(event) }
        if fails { throw NotifierDown() }
    }

    struct NotifierDown: Error {}
}

/// Not a real MAC, but it depends on every byte (scope included), which is what the tests need.
let fakeMAC: CursorCodec.MAC = { message in
    var hash: UInt64 = 0xcbf29ce484222325
    for byte in message { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
    return (0..<32).map { UInt8(truncatingIfNeeded: hash >> (8 * UInt64($0 % 8))) }
}
