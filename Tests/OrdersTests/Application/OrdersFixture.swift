import AllocationContracts
import EventBus
import Foundation
import Kernel
import Logging
import OrdersApplication
import OrdersContracts
import PaymentsContracts
import Synchronization
import TestSupport

/// An `OrdersService` over in-memory adapters with a clock the test moves. Events from other contexts are
/// handed to the service the way the durable bus does: each in a transaction of its own.
struct OrdersFixture {
    final class Time: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// Idempotency keys claimed by transactions in flight (a test may hold one to play "another request").
    let claimed = ClaimedKeys([])
    /// Set to make storing an idempotency key fail (the last write of a placement).
    let keyInsertFailure = KeyInsertFailure(nil)
    let store: InMemoryOrdersStore
    let catalog = FakeCatalog()
    let payments = FakePayments()
    let warehouse = FakeWarehouse()
    let time = Time()
    let service: OrdersService
    let customer = Caller(userId: UUID(), roles: [.customer])
    let staff = Caller(userId: UUID(), roles: [.staff])

    init() {
        let time = self.time
        store = InMemoryOrdersStore(claimed: claimed, keyInsertFailure: keyInsertFailure)
        service = OrdersService(store: store, catalog: catalog, payments: payments, cursors: CursorCodec(mac: Self.fakeMAC),
                                clock: Clock { time.now.withLock { $0 } },
                                logger: Logger(label: "test", minimumLevel: .error, sink: { _ in }))
        catalog.prices.withLock { $0 = ["A": Self.eur(1000), "B": Self.eur(250), "C": Self.eur(99)] }
    }

    static let fakeMAC: CursorCodec.MAC = { message in
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in message { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return (0..<16).map { UInt8(truncatingIfNeeded: hash >> (($0 % 8) * 8)) }
    }

    static func eur(_ amount: Int64) -> Money { Money(amount: amount, currency: .eur) }

    var bus: InMemoryEventBus { store.bus }

    func advance(_ seconds: TimeInterval) { time.now.withLock { $0 = $0.addingTimeInterval(seconds) } }

    @discardableResult
    func place(_ lines: [(String, Int)] = [("A", 1)], by caller: Caller? = nil,
               key: String? = nil, body: String = "body") async throws -> PlacementResponse {
        advance(1)
        return try await service.placeOrder(
            PlaceOrder(lines: lines.map { PlaceOrder.Line(sku: $0.0, quantity: $0.1) }), by: caller ?? customer,
            idempotency: key.map { IdempotentRequest(key: $0, bodyDigest: Array(body.utf8)) })
    }

    func order(_ id: UUID) async throws -> OrderDTO { try await service.order(id: id, caller: staff) }

    /// A valid shipping address.
    static let address = AddressDTO(name: "Ada Lovelace", line1: "1 Harbour Street", city: "Hamburg", postalCode: "20457", country: "DE")

    /// Gives the order `OrdersFixture.address` (the customer does), as shipping needs one.
    func giveAddress(_ id: UUID) async throws {
        _ = try await service.changeShippingAddress(orderId: id, Self.address, caller: customer)
    }

    /// Staff move the order to `status` through `PATCH …/status` (`shipped`: everything left, as one shipment).
    @discardableResult
    func changeStatus(_ id: UUID, to status: String, by caller: Caller? = nil) async throws -> OrderDTO {
        try await service.changeStatus(id: id, to: status, caller: caller ?? staff, warehouse: warehouse)
    }

    // The other contexts' events, delivered as the bus would.
    func allocated(_ id: UUID) async throws {
        try await store.transaction { tx in try await service.orderAllocated(OrderAllocated(orderId: id, lines: []), in: tx) }
    }
    func rejected(_ id: UUID, skus: [String] = ["A"]) async throws {
        try await store.transaction { tx in try await service.orderRejected(OrderRejected(orderId: id, outOfStockSkus: skus), in: tx) }
    }
    func outOfStock(_ id: UUID, sku: String = "A", wasAllocated: Bool = true) async throws {
        try await store.transaction { tx in
            try await service.outOfStock(OutOfStock(sku: sku, orderId: id, quantity: 1, orderWasAllocated: wasAllocated), in: tx)
        }
    }
    func paid(_ id: UUID, payment: UUID? = nil) async throws {
        let payment = payment ?? payments.paymentId(for: id) ?? UUID()
        try await store.transaction { tx in
            try await service.paymentSucceeded(PaymentSucceeded(paymentId: payment, orderId: id, amount: Self.eur(1000)), in: tx)
        }
    }
    func paymentFailed(_ id: UUID, payment: UUID? = nil) async throws {
        let payment = payment ?? payments.paymentId(for: id) ?? UUID()
        try await store.transaction { tx in
            try await service.paymentFailed(PaymentFailed(paymentId: payment, orderId: id, reason: "card_declined"), in: tx)
        }
    }
    func refunded(_ id: UUID) async throws {
        let payment = payments.paymentId(for: id) ?? UUID()
        try await store.transaction { tx in
            try await service.paymentRefunded(PaymentRefunded(paymentId: payment, orderId: id, amount: Self.eur(1000)), in: tx)
        }
    }

    func history(_ id: UUID) async throws -> [String] {
        try await service.statusHistory(orderId: id, caller: staff).map { entry in
            "\(entry.status):\(entry.reason)" + (entry.amount.map { ":\($0)" } ?? "")
        }
    }
}
