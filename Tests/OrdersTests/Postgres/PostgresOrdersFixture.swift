import AllocationContracts
import Foundation
import Kernel
import Logging
import OrdersContracts
import Outbox
import PaymentsContracts
import Postgres
import ProductsContracts
import ProductsInfrastructure
import Synchronization
import TestSupport
@testable import OrdersInfrastructure

/// A fresh, migrated database with the real Products and Orders modules on a durable bus that hands events to
/// subscribers right after commit; payments are the in-memory fake.
struct PostgresOrdersFixture {
    let db: TestDatabase
    let bus: DurableEventBus
    let orders: any OrdersFacade
    let payments: FakePayments
    let time: OrdersFixture.Time
    let customer = Caller(userId: UUID(), roles: [.customer])
    let staff = Caller(userId: UUID(), roles: [.staff])

    static func run(poolSize: Int = 6, _ body: (PostgresOrdersFixture) async throws -> Void) async throws {
        try await TestDatabase.withFresh(poolSize: poolSize) { db in
            _ = try await db.migrate()
            let logger = Logger(label: "test", minimumLevel: .error, sink: { _ in })
            let configuration = DurableEventBusConfiguration()
            let bus = DurableEventBus(pool: db.pool, configuration: configuration, logger: logger)
            let products = ProductsModule.make(pool: db.pool, bus: bus, storeCurrency: .eur, cursorMAC: OrdersFixture.fakeMAC,
                                               logger: logger).facade
            for (sku, price) in [("A", 1000), ("B", 250)] {
                _ = try await products.createProduct(CreateProduct(sku: sku, name: sku, description: "", category: "C",
                                                                   price: OrdersFixture.eur(Int64(price))))
            }
            let payments = FakePayments()
            let time = OrdersFixture.Time()
            time.now.withLock { $0 = Date() }
            let orders = try OrdersModule.make(pool: db.pool, bus: bus, products: products, payments: payments,
                                               cursorMAC: OrdersFixture.fakeMAC, clock: Clock { time.now.withLock { $0 } },
                                               logger: logger).facade
            try await body(PostgresOrdersFixture(db: db, bus: bus, orders: orders, payments: payments, time: time))
        }
    }

    func advance(_ seconds: TimeInterval) { time.now.withLock { $0 = $0.addingTimeInterval(seconds) } }

    func place(_ lines: [(String, Int)] = [("A", 1)], key: String? = nil, body: String = "body") async throws -> PlacementResponse {
        try await orders.placeOrder(PlaceOrder(lines: lines.map { PlaceOrder.Line(sku: $0.0, quantity: $0.1) }), by: customer,
                                    idempotency: key.map { IdempotentRequest(key: $0, bodyDigest: Array(body.utf8)) })
    }

    /// Publishes `event` as its context would: in a transaction of its own, through the outbox.
    func publish<E: IntegrationEvent>(_ event: E) async throws {
        try await db.pool.transaction { tx in try await bus.publisher(in: tx).publish(event) }
    }

    /// Waits until the order has `status` (events are delivered asynchronously after commit).
    func awaitStatus(_ id: UUID, _ status: String) async throws -> OrderDTO {
        let reached = try await eventually { try await orders.order(id: id, caller: staff).status == status }
        let order = try await orders.order(id: id, caller: staff)
        if !reached { throw StatusNotReached(description: "order \(id) is \(order.status), not \(status)") }
        return order
    }

    func count(_ sql: String) async throws -> Int { try await db.pool.query(sql, [])[0].decode(Int.self, at: 0) }
}

struct StatusNotReached: Error, CustomStringConvertible { let description: String }
