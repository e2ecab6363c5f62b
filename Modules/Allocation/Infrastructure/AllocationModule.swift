public import AllocationApplication
public import AllocationContracts
public import Kernel
public import Logging
public import OrdersContracts
public import Outbox
public import Postgres
public import ProductsContracts

/// Builds the Allocation context for the composition root: its facade over PostgreSQL, and its subscriptions
/// on the durable bus (registered here, at build time, before anything publishes).
public enum AllocationModule {
    /// The facade. `products` checks SKUs of new batches; `orders` answers for an order Allocation has not heard
    /// of yet; `notifier` replaces the log as the stock manager's channel; `optimisticLocking` loads stock without
    /// row locks and relies on the version check and retries alone (`StockLocking`; benchmarks compare both).
    public static func make(pool: PostgresPool, bus: DurableEventBus, products: any ProductsFacade, orders: any OrdersFacade,
                            cursorMAC: @escaping CursorCodec.MAC, notifier: (any StockManagerNotifier)? = nil,
                            optimisticLocking: Bool = false, logger: Logger) throws -> BoundedContext<any AllocationFacade> {
        let logger = logger.named("allocation")
        let store = PostgresUnitOfWork(pool: pool, bus: bus, repositories: AllocationRepositories.init(on:))
        let service = AllocationService(
            store: store, catalog: CatalogThroughProducts(products: products), orders: OrdersThroughFacade(orders: orders),
            notifier: notifier ?? LoggingStockManagerNotifier(logger: logger), cursors: CursorCodec(mac: cursorMAC),
            locking: optimisticLocking ? .optimistic : .rowLock, logger: logger)
        try subscribe(service, in: store, on: bus)
        return BoundedContext(facade: service)
    }

    /// The event handlers. Subscriber names key the inbox: never rename them.
    static func subscribe(_ service: AllocationService, in store: PostgresUnitOfWork<AllocationRepositories>,
                          on bus: DurableEventBus) throws {
        try bus.subscribe(OrderPlaced.self, as: "allocation.allocate_order", in: store) { event, tx in
            try await service.allocateOrder(event, in: tx)
        }
        try bus.subscribe(OrderCancelled.self, as: "allocation.release_order", in: store) { event, tx in
            try await service.releaseOrder(event.orderId, customerId: event.customerId, in: tx)
        }
        try bus.subscribe(OrderPaymentFailed.self, as: "allocation.release_order", in: store) { event, tx in
            try await service.releaseOrder(event.orderId, customerId: event.customerId, in: tx)
        }

        try bus.subscribe(OutOfStock.self, as: "allocation.notify_stock_manager") { event, _ in
            await service.notifyStockManager(event)
        }
    }
}
