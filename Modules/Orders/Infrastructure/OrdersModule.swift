import AllocationContracts
public import Kernel
public import Logging
import OrdersApplication
public import OrdersContracts
public import Outbox
public import PaymentsContracts
public import Postgres
public import ProductsContracts

/// Builds the Orders context for the composition root: its facade over PostgreSQL and the durable bus, with its
/// reactions to Allocation's and Payments' events subscribed on the bus (ADR 9).
public enum OrdersModule {
    /// The facade. `products` prices the lines; `payments` creates an order's payment once it is allocated;
    /// `cursorMAC` signs list cursors. Throws when the subscriptions were already made on `bus`.
    public static func make(pool: PostgresPool, bus: DurableEventBus, products: any ProductsFacade,
                            payments: any PaymentRequests, cursorMAC: @escaping CursorCodec.MAC, clock: Clock = .system,
                            logger: Logger) throws -> any OrdersFacade {
        let service = OrdersService(store: PostgresOrdersStore(pool: pool, bus: bus),
                                    catalog: CatalogFacadePrices(products: products), payments: payments,
                                    cursors: CursorCodec(mac: cursorMAC), clock: clock, logger: logger.named("orders"))
        @Sendable func tx(_ transaction: PostgresTransaction) -> PostgresOrdersTransaction { PostgresOrdersTransaction(tx: transaction, bus: bus) }
        try bus.subscribe(OrderAllocated.self, as: "orders.on_order_allocated") { try await service.orderAllocated($0, in: tx($1)) }
        try bus.subscribe(OrderRejected.self, as: "orders.on_order_rejected") { try await service.orderRejected($0, in: tx($1)) }
        try bus.subscribe(OutOfStock.self, as: "orders.on_out_of_stock") { try await service.outOfStock($0, in: tx($1)) }
        try bus.subscribe(PaymentSucceeded.self, as: "orders.on_payment_succeeded") { try await service.paymentSucceeded($0, in: tx($1)) }
        try bus.subscribe(PaymentFailed.self, as: "orders.on_payment_failed") { try await service.paymentFailed($0, in: tx($1)) }
        try bus.subscribe(PaymentRefunded.self, as: "orders.on_payment_refunded") { try await service.paymentRefunded($0, in: tx($1)) }
        return service
    }
}
