public import AllocationApplication
public import AllocationContracts
public import Kernel
public import Logging
public import OrdersContracts
public import Outbox
public import Postgres
import AllocationDomain
public import ProductsContracts

/// Builds the Allocation context for the composition root: its facade over PostgreSQL, and its subscriptions
/// on the durable bus (registered here, at build time, before anything publishes).
public enum AllocationModule {
    /// The facade. `products` checks SKUs of new batches; `orders` answers for an order Allocation has not heard
    /// of yet; `notifier` replaces the log as the stock manager's channel; `optimisticLocking` loads stock without
    /// row locks and relies on the version check and retries alone (`StockLocking`; benchmarks compare both);
    /// `arrivalHandlingDays` is added to a shipment's ETA for the lines' expected ship dates (docs/adr/0017).
    public static func make(pool: PostgresPool, bus: DurableEventBus, products: any ProductsFacade, orders: any OrdersFacade,
                            cursorMAC: @escaping CursorCodec.MAC, notifier: (any StockManagerNotifier)? = nil,
                            optimisticLocking: Bool = false, arrivalHandlingDays: Int = 2, clock: Clock = .system,
                            logger: Logger) throws -> BoundedContext<any AllocationFacade> {
        let logger = logger.named("allocation")
        let store = PostgresUnitOfWork(pool: pool, bus: bus, repositories: AllocationRepositories.init(on:))
        let service = AllocationService(
            store: store, catalog: CatalogThroughProducts(products: products), orders: OrdersThroughFacade(orders: orders),
            notifier: notifier ?? LoggingStockManagerNotifier(logger: logger), cursors: CursorCodec(mac: cursorMAC),
            locking: optimisticLocking ? .optimistic : .rowLock,
            shipDates: ShipDatePolicy(handlingDays: arrivalHandlingDays), clock: clock, logger: logger)
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

        // Free stock may have appeared: backordered lines of the SKU are allocated where they now fit (ADR 17).
        try bus.subscribe(BatchAdded.self, as: "allocation.recover_backorders", in: store) { event, tx in
            try await service.recoverBackorders(of: SKU(stored: event.sku), in: tx)
        }
        try bus.subscribe(BatchQuantityChanged.self, as: "allocation.recover_backorders", in: store) { event, tx in
            guard event.newQuantity > event.oldQuantity else { return }
            try await service.recoverBackorders(of: SKU(stored: event.sku), in: tx)
        }
        try bus.subscribe(BatchETAChanged.self, as: "allocation.recover_backorders", in: store) { event, tx in
            guard event.newEta == nil else { return }
            try await service.recoverBackorders(of: SKU(stored: event.sku), in: tx)
        }
        try bus.subscribe(LineDeallocated.self, as: "allocation.recover_backorders", in: store) { event, tx in
            guard event.reason == "order_released" else { return }
            try await service.recoverBackorders(of: SKU(stored: event.sku), in: tx)
        }

        try bus.subscribe(OutOfStock.self, as: "allocation.notify_stock_manager") { event, _ in
            await service.notifyStockManager(event)
        }
    }
}
