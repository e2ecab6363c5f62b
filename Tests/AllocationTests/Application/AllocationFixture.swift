import AllocationApplication
import AllocationContracts
import EventBus
import Foundation
import Kernel
import Logging
import OrdersContracts
import TestSupport

/// An `AllocationService` over in-memory adapters, its handlers subscribed on an in-memory bus as
/// `AllocationModule` subscribes them on the durable one.
struct AllocationFixture {
    let bus = InMemoryEventBus()
    let store: InMemoryAllocationStore
    let service: AllocationService
    let notifier: RecordingNotifier
    /// Orders placed at Orders that Allocation may not have heard of yet.
    let ordersElsewhere = OrdersKnownElsewhere()
    /// Another writer winning the race against the next saves (`InMemoryAllocationStore`).
    let interference = Locked<SaveInterference?>(nil)

    init(notifierFails: Bool = false, maxAttempts: Int = 20) throws {
        store = InMemoryAllocationStore(bus: bus, interference: interference)
        notifier = RecordingNotifier(fails: notifierFails)
        let service = AllocationService(store: store, catalog: EveryProductActive(), orders: ordersElsewhere, notifier: notifier,
                                        cursors: CursorCodec(mac: fakeMAC), locking: .optimistic, maxAttempts: maxAttempts,
                                        clock: .fixed(Date(timeIntervalSince1970: 1_796_083_200)), // 2026-12-01
                                        logger: Logger(label: "test", minimumLevel: .error, sink: { _ in }))
        self.service = service
        let store = self.store
        try bus.subscribe(OrderPlaced.self, as: "allocate") { event in
            try await store.transaction { tx in try await service.allocateOrder(event, in: tx) }
        }
        try bus.subscribe(OrderCancelled.self, as: "release") { event in
            try await store.transaction { tx in try await service.releaseOrder(event.orderId, customerId: event.customerId, in: tx) }
        }
        try bus.subscribe(OrderPaymentFailed.self, as: "release") { event in
            try await store.transaction { tx in try await service.releaseOrder(event.orderId, customerId: event.customerId, in: tx) }
        }
        try bus.subscribe(OutOfStock.self, as: "notify") { event in await service.notifyStockManager(event) }
    }

    static let money = Money(amount: 100, currency: .eur)

    /// Publishes an `OrderPlaced` (the handlers run at once) and returns its id.
    @discardableResult
    func place(_ lines: [(String, Int)], order: UUID = UUID(), customer: UUID = UUID()) async throws -> UUID {
        try await bus.publish(OrderPlaced(orderId: order, customerId: customer,
                                          lines: lines.map { OrderLineItem(sku: $0.0, quantity: $0.1, unitPrice: Self.money) },
                                          total: Self.money))
        return order
    }

    func addBatch(_ reference: String, _ sku: String, _ quantity: Int, eta: String? = nil) async throws {
        _ = try await service.addBatch(AddBatch(reference: reference, sku: sku, quantity: quantity, eta: eta))
    }
}
