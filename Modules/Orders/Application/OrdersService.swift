public import EventBus
public import Foundation
public import Kernel
public import Logging
public import OrdersContracts
public import PaymentsContracts

/// The Orders context's use cases behind `OrdersFacade` (one file per use case in `UseCases/`), and its
/// reactions to Allocation's and Payments' events (`OrdersService+Allocation`, `OrdersService+Payments`).
public struct OrdersService: Sendable {
    let store: any UnitOfWork<OrdersRepositories>
    let catalog: any CatalogPrices
    let payments: any PaymentRequests
    let capacity: any OrderPipelineCapacity
    let cursors: CursorCodec
    let clock: Clock
    let ids: IDGenerator
    /// How long an order may stay `awaiting_payment` before the shop cancels it (`PAYMENT_DEADLINE_SECONDS`).
    let paymentDeadline: TimeInterval
    let logger: Logger

    public init(store: any UnitOfWork<OrdersRepositories>, catalog: any CatalogPrices, payments: any PaymentRequests,
                capacity: any OrderPipelineCapacity = UnlimitedPipelineCapacity(), cursors: CursorCodec, clock: Clock = .system,
                ids: IDGenerator = .v7(), paymentDeadline: TimeInterval = 86_400, logger: Logger) {
        self.store = store
        self.catalog = catalog
        self.payments = payments
        self.capacity = capacity
        self.cursors = cursors
        self.clock = clock
        self.ids = ids
        self.paymentDeadline = paymentDeadline
        self.logger = logger
    }

    /// The current time rounded to the microsecond, as PostgreSQL stores it, so what a write returns equals what a
    /// later read returns.
    func now() -> Date { clock.now().roundedToMicroseconds }
}

extension OrdersService: OrdersFacade {}
