// Orders per second through allocation (make bench): CLIENTS concurrent clients (default 32) each publish an
// `orders.order_placed.v1` of one line on the durable bus, as the Orders context would, and wait for its outcome
// (`allocation.order_allocated.v1` or `order_rejected`), then place the next. Measured on one SKU (every order
// contends for one aggregate) and on SKUS SKUs (default 1,000, spread), with both locking strategies (ADR 10),
// reporting the use cases re-run after a lost version race per order.
//   DATABASE_URL   an empty database (make bench creates wharf_bench_allocation)
//   CLIENTS, ORDERS, SKUS, POOL_SIZE   defaults 32, 3000, 1000, 16
import AllocationContracts
import AllocationInfrastructure
import Foundation
import Kernel
import Logging
import OrdersContracts
import Outbox
import Postgres
import ProductsContracts
import Synchronization

let environment = ProcessInfo.processInfo.environment
func setting(_ name: String, _ fallback: Int) -> Int { environment[name].flatMap { Int($0) } ?? fallback }
let clients = setting("CLIENTS", 32)
let ordersPerScenario = setting("ORDERS", 3000)
let spreadSKUs = setting("SKUS", 1000)
guard let url = environment["DATABASE_URL"] else { fatalError("set DATABASE_URL (make bench does)") }

/// Every SKU is an active product: the catalog is not what is measured.
struct EveryProduct: ProductsFacade {
    struct NotHere: Error {}
    func createProduct(_ command: CreateProduct, by caller: Caller?) async throws -> ProductDTO { throw NotHere() }
    func product(id: UUID) async throws -> ProductDTO { throw NotHere() }
    func listProducts(_ query: ProductListQuery) async throws -> Page<ProductDTO> { throw NotHere() }
    func updateProduct(id: UUID, _ command: UpdateProduct, ifMatch: Int64?, by caller: Caller?) async throws -> ProductDTO { throw NotHere() }
    func discontinueProduct(id: UUID, by caller: Caller?) async throws { throw NotHere() }
    func activeProducts(skus: [String]) async throws -> [ProductSummary] {
        skus.map { ProductSummary(sku: $0.uppercased(), name: $0, price: Money(amount: 1, currency: .eur), status: "active") }
    }
}

/// The bench places no orders through Orders and reads no allocations: nothing here is ever asked.
struct NoOrders: OrdersFacade {
    struct NotHere: Error {}
    func placeOrder(_ command: PlaceOrder, by caller: Caller, idempotency: IdempotentRequest?) async throws -> PlacementResponse {
        throw NotHere()
    }
    func order(id: UUID, caller: Caller) async throws -> OrderDTO { throw NotHere() }
    func listOrders(_ query: OrderListQuery, caller: Caller) async throws -> Page<OrderDTO> { throw NotHere() }
    func statusHistory(orderId: UUID, caller: Caller) async throws -> [StatusChangeDTO] { throw NotHere() }
    func cancelOrder(id: UUID, caller: Caller) async throws -> OrderDTO { throw NotHere() }
    func changeStatus(id: UUID, to status: String, caller: Caller, warehouse: any WarehouseGoods) async throws -> OrderDTO { throw NotHere() }
    func createShipment(orderId: UUID, _ command: CreateShipment, caller: Caller, warehouse: any WarehouseGoods) async throws -> ShipmentDTO {
        throw NotHere()
    }
    func shipments(orderId: UUID, caller: Caller) async throws -> [ShipmentDTO] { throw NotHere() }
    func shipment(orderId: UUID, shipmentId: UUID, caller: Caller) async throws -> ShipmentDTO { throw NotHere() }
    func changeShippingAddress(orderId: UUID, _ address: AddressDTO, caller: Caller) async throws -> OrderDTO { throw NotHere() }
    func purgeExpiredIdempotencyKeys() async throws -> Int { throw NotHere() }
    func quote(_ command: PlaceOrder, promises: any ShipDatePromises) async throws -> QuoteDTO { throw NotHere() }
}

/// Outcomes by order id; an outcome may arrive before its client starts waiting.
final class Outcomes: Sendable {
    private enum Slot { case waiting(CheckedContinuation<Bool, Never>), arrived(Bool) }
    private let slots = Mutex<[UUID: Slot]>([:])

    func record(_ order: UUID, allocated: Bool) {
        let waiter: CheckedContinuation<Bool, Never>? = slots.withLock { slots in
            if case .waiting(let continuation) = slots[order] {
                slots[order] = nil
                return continuation
            }
            slots[order] = .arrived(allocated)
            return nil
        }
        waiter?.resume(returning: allocated)
    }

    func wait(_ order: UUID) async -> Bool {
        await withCheckedContinuation { continuation in
            let early: Bool? = slots.withLock { slots in
                if case .arrived(let allocated) = slots[order] {
                    slots[order] = nil
                    return allocated
                }
                slots[order] = .waiting(continuation)
                return nil
            }
            if let early { continuation.resume(returning: early) }
        }
    }
}

final class Counter: Sendable {
    private let atomic = Atomic<Int>(0)
    func increment() -> Int { atomic.add(1, ordering: .relaxed).newValue }
    var value: Int { atomic.load(ordering: .relaxed) }
}

/// A handler that kept losing the race gives up (bounded retries) and the bus delivers the event again later:
/// counted, not printed.
let handlerFailures = Counter()
let logger = Logger(label: "bench", minimumLevel: .warning) { line in
    if line.contains("event handler failed") { _ = handlerFailures.increment() } else { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
let pool = PostgresPool(configuration: try PostgresConfiguration(url: url, poolSize: setting("POOL_SIZE", 16)))
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
_ = try await Migrator(pool: pool, directory: root.appending(path: "Migrations")).migrate()
let money = Money(amount: 100, currency: .eur)

print("allocation: \(clients) clients, \(ordersPerScenario) orders per scenario, pool \(setting("POOL_SIZE", 16))")
for optimistic in [false, true] {
    let bus = DurableEventBus(pool: pool, logger: logger)
    let allocation = try AllocationModule.make(pool: pool, bus: bus, products: EveryProduct(), orders: NoOrders(),
                                               cursorMAC: { Array($0.prefix(32)) },
                                               optimisticLocking: optimistic, logger: logger).facade
    let outcomes = Outcomes()
    try bus.subscribe(OrderAllocated.self, as: "bench.outcome") { event, _ in outcomes.record(event.orderId, allocated: true) }
    try bus.subscribe(OrderRejected.self, as: "bench.outcome") { event, _ in outcomes.record(event.orderId, allocated: false) }
    let relay = Task { await bus.run() }
    let mode = optimistic ? "optimistic" : "row lock"

    for skuCount in [1, spreadSKUs] {
        let prefix = "B\(optimistic ? "O" : "R")\(skuCount)-"
        for index in 0..<skuCount {
            // Enough for every order: the scenario measures allocation, not rejection.
            _ = try await allocation.addBatch(AddBatch(reference: "\(prefix)\(index)-W", sku: "\(prefix)\(index)",
                                                       quantity: 1_000_000, eta: nil))
            _ = try await allocation.addBatch(AddBatch(reference: "\(prefix)\(index)-S", sku: "\(prefix)\(index)",
                                                       quantity: 1_000_000, eta: "2027-01-01"))
        }
        let conflictsBefore = allocation.conflictsRetried
        let failuresBefore = handlerFailures.value
        let next = Counter()
        let allocated = Counter()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    while next.increment() <= ordersPerScenario {
                        let order = UUID()
                        let sku = "\(prefix)\(Int.random(in: 0..<skuCount))"
                        try await pool.transaction { tx in
                            try await bus.publisher(in: tx).publish(OrderPlaced(
                                orderId: order, customerId: UUID(),
                                lines: [OrderLineItem(sku: sku, quantity: 1, unitPrice: money)], total: money))
                        }
                        if await outcomes.wait(order) { _ = allocated.increment() }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Double((ContinuousClock.now - start).components.attoseconds) / 1e18
            + Double((ContinuousClock.now - start).components.seconds)
        let conflicts = allocation.conflictsRetried - conflictsBefore
        let figures = String(format: "%5d SKU(s)  %7.0f orders/s  %d of %d allocated  %.3f conflicts retried/order  %d handler runs gave up",
                             skuCount, Double(ordersPerScenario) / seconds, allocated.value, ordersPerScenario,
                             Double(conflicts) / Double(ordersPerScenario), handlerFailures.value - failuresBefore)
        print(mode.padding(toLength: 11, withPad: " ", startingAt: 0) + figures)
        // The read models' handlers may still be running: let them finish, untimed, before the next scenario.
        while try await pool.queryFirst(
            "SELECT count(*)::int FROM messaging.outbox WHERE completed_at IS NULL AND dead_at IS NULL")?.decode(Int.self, at: 0) != 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
    relay.cancel()
    await relay.value
}
await pool.close()
