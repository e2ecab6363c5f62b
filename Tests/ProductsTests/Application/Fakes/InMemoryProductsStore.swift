import EventBus
import Foundation
import ProductsApplication
import ProductsDomain
import TestSupport

/// Products by id behind a lock: the committed rows, or a transaction's working copy.
typealias ProductRows = Locked<[UUID: Product]>

/// Another writer's change to the committed rows, made inside a transaction before its conditional updates.
typealias ProductsInterference = @Sendable (ProductRows) -> Void

/// The Products store in memory (`InMemoryUnitOfWork`: transactions on a copy of the rows, events after commit).
typealias InMemoryProductsStore = InMemoryUnitOfWork<[UUID: Product], ProductsRepositories>

extension InMemoryUnitOfWork<[UUID: Product], ProductsRepositories> {
    /// `interference` lets a test slip another writer's change in between a use case's read and its write: the
    /// next transaction takes it (once, then it is cleared) and runs it on the committed rows before each update.
    convenience init(bus: InMemoryEventBus = InMemoryEventBus(), interference: Locked<ProductsInterference?> = Locked(nil)) {
        self.init([:], bus: bus) { scope in
            guard scope.isTransaction else {
                return ProductsRepositories(products: InMemoryProductRepository(rows: scope.state, interference: nil), audit: RecordedAuditTrail())
            }
            let committed = scope.committed
            let hook = interference.with { hook in
                defer { hook = nil }
                return hook
            }
            var bound: (@Sendable () -> Void)?
            if let hook { bound = { hook(committed) } }
            return ProductsRepositories(products: InMemoryProductRepository(rows: scope.state, interference: bound, committed: committed),
                                        audit: RecordedAuditTrail())
        }
    }
}
