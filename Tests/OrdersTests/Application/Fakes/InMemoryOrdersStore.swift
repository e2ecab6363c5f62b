import EventBus
import Foundation
import Kernel
import OrdersApplication
import OrdersDomain
import TestSupport

/// Everything the Orders store keeps, as plain values.
struct OrdersState: Sendable {
    var orders: [UUID: Order] = [:]
    var history: [UUID: [StatusChange]] = [:]
    var keys: [String: IdempotencyRecord] = [:]
    var shipments: [UUID: [Shipment]] = [:]

    static func keyOf(_ userId: UUID, _ key: IdempotencyKey) -> String { "\(userId.lowercased)|\(key.value)" }
}

/// Idempotency keys claimed by transactions in flight, as "user|key" (a test may hold one to play "another
/// request").
typealias ClaimedKeys = Locked<Set<String>>

/// When set, storing an idempotency key throws it: the last write of a placement fails, after the order.
typealias KeyInsertFailure = Locked<(any Error)?>

/// The Orders store in memory (`InMemoryUnitOfWork`: transactions one at a time on a copy of the state, events
/// after commit). A transaction's claims on idempotency keys go into `claimed` and are released when it ends.
typealias InMemoryOrdersStore = InMemoryUnitOfWork<OrdersState, OrdersRepositories>

extension InMemoryUnitOfWork<OrdersState, OrdersRepositories> {
    convenience init(bus: InMemoryEventBus = InMemoryEventBus(), claimed: ClaimedKeys = ClaimedKeys([]),
                     keyInsertFailure: KeyInsertFailure = KeyInsertFailure(nil)) {
        self.init(OrdersState(), bus: bus) { scope in
            var claims: InMemoryIdempotencyKeys.Claims?
            if scope.isTransaction {
                let mine = Locked<[String]>([])
                scope.whenEnded {
                    let names = mine.snapshot
                    claimed.with { $0.subtract(names) }
                }
                claims = (claimed, mine)
            }
            return OrdersRepositories(orders: InMemoryOrderRepository(state: scope.state),
                                      idempotencyKeys: InMemoryIdempotencyKeys(state: scope.state, claims: claims,
                                                                                      insertFailure: keyInsertFailure),
                                      audit: RecordedAuditTrail())
        }
    }
}

struct InMemoryOrderRepository: OrderRepository {
    let state: Locked<OrdersState>

    func order(id: UUID) async throws -> Order? { state.with { $0.orders[id] } }
    func orderForUpdate(id: UUID) async throws -> Order? { try await order(id: id) }

    func insert(_ order: Order, placed: StatusChange) async throws {
        state.with { state in
            precondition(state.orders[order.id] == nil, "an order id is inserted once")
            state.orders[order.id] = order
            state.history[order.id] = [placed]
        }
    }

    func update(_ order: Order, change: StatusChange) async throws {
        state.with { state in
            state.orders[order.id] = order
            state.history[order.id, default: []].append(change)
        }
    }

    func updateShipDates(_ order: Order) async throws {
        state.with { state in
            guard let stored = state.orders[order.id] else { return }
            var updated = stored
            for line in order.lines { _ = updated.promise(sku: line.sku, date: line.expectedShipDate) }
            state.orders[order.id] = updated
        }
    }

    func recordRefund(_ order: Order, change: StatusChange) async throws { try await update(order, change: change) }

    func updateShippingAddress(_ order: Order) async throws { state.with { $0.orders[order.id] = order } }

    func recordShipment(_ shipment: Shipment, of order: Order, change: StatusChange) async throws {
        try await update(order, change: change)
        state.with { $0.shipments[order.id, default: []].append(shipment) }
    }

    func shipments(orderId: UUID) async throws -> [Shipment] { state.with { $0.shipments[orderId] ?? [] } }

    func awaitingPayment(dueBefore cutoff: Date, limit: Int) async throws -> [UUID] {
        state.with { state in
            Array(state.orders.values.filter { $0.status == .awaitingPayment && ($0.paymentDueAt.map { $0 <= cutoff } ?? false) }
                .sorted { ($0.paymentDueAt ?? cutoff) < ($1.paymentDueAt ?? cutoff) }.prefix(limit).map(\.id))
        }
    }

    func history(orderId: UUID) async throws -> [StatusChange] { state.with { $0.history[orderId] ?? [] } }

    func list(_ filter: OrderFilter, page: PageRequest) async throws -> [Order] {
        func key(_ order: Order) -> (Int64, String) { (order.createdAt.microsecondsSince1970, order.id.lowercased) }
        var orders = state.with { Array($0.orders.values) }.filter { order in
            (filter.customerId.map { $0 == order.customerId } ?? true) && (filter.status.map { $0 == order.status } ?? true)
        }.sorted { key($0) > key($1) }
        if let after = page.after?.values, after.count == 2, let micros = Int64(after[0]) {
            orders = orders.filter { key($0) < (micros, after[1]) }
        }
        return Array(orders.prefix(page.limit + 1))
    }
}

struct InMemoryIdempotencyKeys: IdempotencyKeyRepository {
    /// Every claim in flight and this transaction's own claims.
    typealias Claims = (all: ClaimedKeys, mine: Locked<[String]>)

    let state: Locked<OrdersState>
    /// The claims; nil outside a transaction.
    let claims: Claims?
    let insertFailure: KeyInsertFailure

    func record(userId: UUID, key: IdempotencyKey, notBefore: Date) async throws -> IdempotencyRecord? {
        state.with { $0.keys[OrdersState.keyOf(userId, key)] }.flatMap { $0.createdAt >= notBefore ? $0 : nil }
    }

    func claim(userId: UUID, key: IdempotencyKey) async throws -> Bool {
        guard let (all, mine) = claims else { fatalError("claims are taken inside a transaction") }
        let name = OrdersState.keyOf(userId, key)
        let won = all.with { $0.insert(name).inserted }
        if won { mine.with { $0.append(name) } }
        return won
    }

    func insert(_ record: IdempotencyRecord, replacingBefore notBefore: Date) async throws {
        if let failure = insertFailure.snapshot { throw failure }
        state.with { state in
            let name = OrdersState.keyOf(record.userId, record.key)
            if let existing = state.keys[name], existing.createdAt >= notBefore { return }
            state.keys[name] = record
        }
    }

    func purge(createdBefore cutoff: Date) async throws -> Int {
        state.with { state in
            let old = state.keys.filter { $0.value.createdAt < cutoff }.map(\.key)
            for name in old { state.keys[name] = nil }
            return old.count
        }
    }
}
