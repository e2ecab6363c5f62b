public import Kernel
public import Logging
public import Outbox
public import Postgres
import ProductsApplication
public import ProductsContracts

/// Builds the Products context for the composition root: its facade over PostgreSQL and the durable bus.
public enum ProductsModule {
    /// The facade. `storeCurrency` is the single currency prices must be in (`STORE_CURRENCY`); `cursorMAC`
    /// signs list cursors (keyed by a server secret).
    public static func make(pool: PostgresPool, bus: DurableEventBus, storeCurrency: Currency,
                            cursorMAC: @escaping CursorCodec.MAC, clock: Clock = .system, logger: Logger) -> BoundedContext<any ProductsFacade> {
        BoundedContext(facade: ProductsService(store: PostgresUnitOfWork(pool: pool, bus: bus, repositories: ProductsRepositories.init(on:)),
                        storeCurrency: storeCurrency, cursors: CursorCodec(mac: cursorMAC), clock: clock,
                        logger: logger.named("products")))
    }
}
