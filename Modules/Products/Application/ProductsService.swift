public import EventBus
public import Kernel
public import Logging
public import ProductsContracts

/// The Products context's use cases behind `ProductsFacade`, one file per use case (`UseCases/`).
public struct ProductsService: Sendable {
    let store: any UnitOfWork<ProductsRepositories>
    let storeCurrency: Currency
    let cursors: CursorCodec
    let clock: Clock
    let ids: IDGenerator
    let logger: Logger
    /// How often an update without `If-Match` re-reads and re-applies after losing a race.

    public init(store: any UnitOfWork<ProductsRepositories>, storeCurrency: Currency, cursors: CursorCodec, clock: Clock = .system,
                ids: IDGenerator = .v7(), logger: Logger) {
        self.store = store
        self.storeCurrency = storeCurrency
        self.cursors = cursors
        self.clock = clock
        self.ids = ids
        self.logger = logger
    }
}

extension ProductsService: ProductsFacade {}
