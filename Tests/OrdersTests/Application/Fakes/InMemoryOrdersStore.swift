import EventBus
import Foundation
import Kernel
import OrdersApplication
import OrdersDomain
import Synchronization
import TestSupport

/// Everything the Orders store keeps, as plain values.
struct OrdersState: Sendable {
    var orders: [UUID: Order] = [:]
    var history: [UUID: [StatusChange]] = [:]
    var keys: [String: IdempotencyRecord] = [:]

    static func keyOf(_ userId: UUID, _ key: IdempotencyKey) -> String { "\(userId.lowercased)|\(key.value)" }
}

/// State behind a lock.
final class OrdersStateBox: Sendable {
    private let storage: Mutex<OrdersState>
    init(_ state: OrdersState = OrdersState()) { storage = Mutex(state) }
    var snapshot: OrdersState { storage.withLock { $0 } }
    func replace(_ state: OrdersState) { storage.withLock { $0 = state } }
    func with<T>(_ body: (inout OrdersState) throws -> T) rethrows -> T { try storage.withLock { try body(&$0) } }
}

/// The Orders store in memory. Transactions run one at a time (as row locks would serialise them), on a copy of
/// the state that replaces it only on commit, and their events reach the bus only after commit.
final class InMemoryOrdersStore: OrdersStore {
    let state = OrdersStateBox()
    let bus: InMemoryEventBus
    private let gate = AsyncGate()
    /// Keys claimed by a transaction in flight (a test may hold one to play "another request").
    let claimed = Mutex<Set<String>>([])
    /// When set, storing an idempotency key throws it: the last write of a placement fails, after the order.
    let keyInsertFailure = Mutex<(any Error)?>(nil)

    init(bus: InMemoryEventBus = InMemoryEventBus()) { self.bus = bus }

    var orders: any OrderRepository { InMemoryOrderRepository(state: state) }
    var idempotencyKeys: any IdempotencyKeyRepository { InMemoryIdempotencyKeys(state: state, claims: nil) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any OrdersTransaction) async throws -> T) async throws -> T {
        try await gate.run {
            let tx = InMemoryOrdersTransaction(state: OrdersStateBox(self.state.snapshot), store: self)
            defer { tx.releaseClaims() }
            let result = try await body(tx)
            self.state.replace(tx.state.snapshot)
            for event in tx.buffer.events { try await self.bus.deliver(event) }
            return result
        }
    }
}

final class InMemoryOrdersTransaction: OrdersTransaction {
    final class Buffer: @unchecked Sendable { var events: [EventEnvelope] = [] }
    final class Claims: @unchecked Sendable { var mine: [String] = [] }
    let buffer = Buffer()
    let claims = Claims()
    let state: OrdersStateBox
    let store: InMemoryOrdersStore

    init(state: OrdersStateBox, store: InMemoryOrdersStore) {
        self.state = state
        self.store = store
    }

    var orders: any OrderRepository { InMemoryOrderRepository(state: state) }
    var idempotencyKeys: any IdempotencyKeyRepository { InMemoryIdempotencyKeys(state: state, claims: (store, claims)) }
    var events: any EventPublisher { BufferedPublisher(buffer: buffer) }

    func releaseClaims() {
        let mine = claims.mine
        store.claimed.withLock { $0.subtract(mine) }
    }
}

struct BufferedPublisher: EventPublisher {
    let buffer: InMemoryOrdersTransaction.Buffer
    func publish<E: IntegrationEvent>(_ event: E) async throws {
        buffer.events.append(try EventEnvelope(event, id: UUID(), occurredAt: Date()))
    }
}

struct InMemoryOrderRepository: OrderRepository {
    let state: OrdersStateBox

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

    func appendHistory(orderId: UUID, _ change: StatusChange) async throws {
        state.with { $0.history[orderId, default: []].append(change) }
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
    let state: OrdersStateBox
    /// The store's claim set and this transaction's own claims; nil outside a transaction.
    let claims: (InMemoryOrdersStore, InMemoryOrdersTransaction.Claims)?

    func record(userId: UUID, key: IdempotencyKey, notBefore: Date) async throws -> IdempotencyRecord? {
        state.with { $0.keys[OrdersState.keyOf(userId, key)] }.flatMap { $0.createdAt >= notBefore ? $0 : nil }
    }

    func claim(userId: UUID, key: IdempotencyKey) async throws -> Bool {
        guard let (store, mine) = claims else { fatalError("claims are taken inside a transaction") }
        let name = OrdersState.keyOf(userId, key)
        let won = store.claimed.withLock { $0.insert(name).inserted }
        if won { mine.mine.append(name) }
        return won
    }

    func insert(_ record: IdempotencyRecord, replacingBefore notBefore: Date) async throws {
        if let failure = claims?.0.keyInsertFailure.withLock({ $0 }) { throw failure }
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
