import EventBus
import Foundation
import Kernel
import ProductsApplication
import ProductsDomain
import Synchronization
import TestSupport

/// The Products store in memory. A transaction works on a copy of the rows and publishes into a buffer; both are
/// applied only on commit, so a throwing use case leaves nothing behind. `beforeCommit` lets a test slip another
/// writer's change in between a use case's read and its write.
final class InMemoryProductsStore: ProductsStore {
    let rows = ProductRows()
    let bus: InMemoryEventBus
    private let gate = AsyncGate()
    /// Runs inside each transaction just before the use case's first write (once, then cleared).
    let interference = Mutex<(@Sendable (ProductRows) -> Void)?>(nil)

    init(bus: InMemoryEventBus = InMemoryEventBus()) { self.bus = bus }

    var products: any ProductRepository { InMemoryProductRepository(rows: rows, interference: nil) }

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any ProductsTransaction) async throws -> T) async throws -> T {
        try await gate.run {
            let working = ProductRows(self.rows.all)
            let hook = self.interference.withLock { hook in
                defer { hook = nil }
                return hook
            }
            let tx = InMemoryProductsTransaction(rows: working, committed: self.rows, interference: hook)
            let result = try await body(tx)
            // Changes slipped in by the interference hook went to the committed rows: merge by version.
            let committed = self.rows.all
            var merged = committed
            for (id, product) in working.all where committed[id] == nil || committed[id]!.version < product.version {
                merged[id] = product
            }
            self.rows.replace(merged)
            for event in tx.buffer.events { try await self.bus.deliver(event) }
            return result
        }
    }
}

/// Products by id behind a lock.
final class ProductRows: Sendable {
    private let storage: Mutex<[UUID: Product]>
    init(_ rows: [UUID: Product] = [:]) { storage = Mutex(rows) }
    var all: [UUID: Product] { storage.withLock { $0 } }
    func replace(_ rows: [UUID: Product]) { storage.withLock { $0 = rows } }
    func with<T>(_ body: (inout [UUID: Product]) throws -> T) rethrows -> T { try storage.withLock { try body(&$0) } }
}

final class InMemoryProductsTransaction: ProductsTransaction {
    final class Buffer: @unchecked Sendable { var events: [EventEnvelope] = [] }
    let buffer = Buffer()
    let repository: InMemoryProductRepository

    init(rows: ProductRows, committed: ProductRows, interference: (@Sendable (ProductRows) -> Void)?) {
        var bound: (@Sendable () -> Void)?
        if let interference { bound = { interference(committed) } }
        repository = InMemoryProductRepository(rows: rows, interference: bound, committed: committed)
    }

    var products: any ProductRepository { repository }
    var events: any EventPublisher { BufferedPublisher(buffer: buffer) }
}

struct BufferedPublisher: EventPublisher {
    let buffer: InMemoryProductsTransaction.Buffer
    func publish<E: IntegrationEvent>(_ event: E) async throws {
        buffer.events.append(try EventEnvelope(event, id: UUID(), occurredAt: Date()))
    }
}
