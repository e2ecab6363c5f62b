import AllocationContracts
import Foundation
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
    /// The facade and the idempotency-key purge. `products` prices the lines; `payments` creates an order's payment once it is allocated;
    /// `cursorMAC` signs list cursors; with `maxBacklogAge`, new orders are refused
    /// (`503`) while the oldest undelivered event is older than that; an order still awaiting payment
    /// `paymentDeadlineSeconds` after it entered that status is cancelled by the `orders.payment_deadline` job. Throws when the subscriptions were already made on `bus`.
    public static func make(pool: PostgresPool, bus: DurableEventBus, products: any ProductsFacade,
                            payments: any PaymentRequests, cursorMAC: @escaping CursorCodec.MAC,
                            maxBacklogAge: Duration? = nil, paymentDeadlineSeconds: Int = 86_400, clock: Clock = .system,
                            logger: Logger) throws -> BoundedContext<any OrdersFacade> {
        let store = PostgresUnitOfWork(pool: pool, bus: bus, repositories: OrdersRepositories.init(on:))
        let service = OrdersService(store: store,
                                    catalog: CatalogFacadePrices(products: products), payments: payments,
                                    capacity: maxBacklogAge.map { EventBacklogCapacity(bus: bus, maxAge: $0) } ?? UnlimitedPipelineCapacity(),
                                    cursors: CursorCodec(mac: cursorMAC), clock: clock,
                                    paymentDeadline: TimeInterval(paymentDeadlineSeconds), logger: logger.named("orders"))
        try bus.subscribe(OrderAllocated.self, as: "orders.on_order_allocated", in: store) { try await service.orderAllocated($0, in: $1) }
        try bus.subscribe(OrderRejected.self, as: "orders.on_order_rejected", in: store) { try await service.orderRejected($0, in: $1) }
        try bus.subscribe(OutOfStock.self, as: "orders.on_out_of_stock", in: store) { try await service.outOfStock($0, in: $1) }
        try bus.subscribe(LineReallocated.self, as: "orders.on_line_reallocated", in: store) { try await service.lineReallocated($0, in: $1) }
        try bus.subscribe(ShipDateChanged.self, as: "orders.on_ship_date_changed", in: store) { try await service.shipDateChanged($0, in: $1) }
        try bus.subscribe(BackorderedLineAllocated.self, as: "orders.on_backordered_line_allocated", in: store) {
            try await service.backorderedLineAllocated($0, in: $1)
        }
        try bus.subscribe(PaymentSucceeded.self, as: "orders.on_payment_succeeded", in: store) { try await service.paymentSucceeded($0, in: $1) }
        try bus.subscribe(PaymentFailed.self, as: "orders.on_payment_failed", in: store) { try await service.paymentFailed($0, in: $1) }
        try bus.subscribe(PaymentRefunded.self, as: "orders.on_payment_refunded", in: store) { try await service.paymentRefunded($0, in: $1) }
        // Replays already ignore expired keys; the purge keeps the table from growing without bound.
        let purge = BackgroundJob(name: "orders.idempotency_key_purge", every: .seconds(600)) {
            try await service.purgeExpiredIdempotencyKeys()
        }
        // A deadline is kept within a second or so of passing (the contract allows 5 s).
        let deadline = BackgroundJob(name: "orders.payment_deadline", every: .seconds(1)) {
            try await service.cancelOverdueOrders()
        }
        return BoundedContext(facade: service, jobs: [purge, deadline])
    }
}
