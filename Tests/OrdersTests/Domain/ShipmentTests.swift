import Foundation
import Kernel
import OrdersDomain
import Testing

@Suite("Shipments of an order")
struct ShipmentTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let address = Address(stored: "Ada", line1: "1 Harbour Street", line2: nil, city: "Hamburg", postalCode: "20457",
                                 country: "DE", phone: nil)

    /// A paid order of 3 × A and 2 × B, with an address unless told otherwise.
    static func order(_ status: OrderStatus = .paid, address: Address? = ShipmentTests.address, refunded: Bool = false) -> Order {
        let lines = [OrderLine(sku: "A", quantity: 3, unitPrice: Money(amount: 100, currency: .eur)),
                     OrderLine(sku: "B", quantity: 2, unitPrice: Money(amount: 50, currency: .eur))]
        return Order(id: UUID(), customerId: UUID(), status: status, lines: lines, total: Money(amount: 400, currency: .eur),
                     paymentId: UUID(), paymentRefunded: refunded, createdAt: start, updatedAt: start, shippingAddress: address)
    }

    static func request(_ lines: [(String, Int)], carrier: String? = nil, tracking: String? = nil) -> ShipmentRequest {
        ShipmentRequest(lines: lines.map { (sku: $0.0, quantity: $0.1) }, carrier: carrier, trackingNumber: tracking)
    }

    static let everywhere: Set<String> = ["A", "B"]

    @Test func partialShipmentsAddUpAndTheLastOneCompletesTheOrder() throws {
        var order = Self.order()
        let staff = Agent.user(UUID())
        let (first, change) = try order.ship(Self.request([("a", 2)], carrier: " DHL ", tracking: "123"), id: UUID(),
                                             warehouseSKUs: Self.everywhere, at: Self.start.addingTimeInterval(1), by: staff)
        #expect(first.lines == [Shipment.Line(sku: "A", quantity: 2)] && first.carrier == "DHL" && first.trackingNumber == "123")
        #expect(first.orderId == order.id && first.createdAt == change.at)
        #expect(order.status == .partiallyShipped && change.status == .partiallyShipped && change.actor == staff)
        #expect(order.lines.map(\.shippedQuantity) == [2, 0])
        let (_, second) = try order.ship(Self.request([("B", 1), ("A", 1)]), id: UUID(), warehouseSKUs: Self.everywhere,
                                         at: Self.start.addingTimeInterval(2), by: staff)
        #expect(order.status == .partiallyShipped && second.status == .partiallyShipped && second.reason == "partially_shipped",
                "a further partial shipment is recorded, the status unchanged")
        let (last, done) = try order.ship(ShipmentRequest.remaining(of: order), id: UUID(), warehouseSKUs: Self.everywhere,
                                          at: Self.start.addingTimeInterval(3), by: staff)
        #expect(last.lines == [Shipment.Line(sku: "B", quantity: 1)] && last.carrier == nil && last.trackingNumber == nil)
        #expect(order.status == .shipped && done.reason == "shipped" && order.lines.map(\.unshippedQuantity) == [0, 0])
        #expect(order.hasShippedGoods)
    }

    @Test func shippingEverythingAtOnceGoesStraightToShipped() throws {
        var order = Self.order()
        _ = try order.ship(ShipmentRequest.remaining(of: order), id: UUID(), warehouseSKUs: Self.everywhere, at: Self.start, by: .system)
        #expect(order.status == .shipped && order.lines.map(\.shippedQuantity) == [3, 2])
    }

    @Test func overShippingIsRefusedAndChangesNothing() throws {
        var order = Self.order()
        _ = try order.ship(Self.request([("A", 2)]), id: UUID(), warehouseSKUs: Self.everywhere, at: Self.start, by: .system)
        let before = order
        for quantity in [2, 0, -1, 1001] {
            let error = #expect(throws: DomainError.self) {
                try order.ship(Self.request([("A", quantity)]), id: UUID(), warehouseSKUs: Self.everywhere, at: Self.start, by: .system)
            }
            #expect(error?.code == "validation_failed" && error?.fields.map(\.field) == ["lines[0].quantity"], "quantity \(quantity)")
        }
        #expect(order == before)
    }

    @Test func theLinesMustBeTheOrdersEachOnceAndAtLeastOne() {
        var order = Self.order()
        func fields(_ request: ShipmentRequest) -> [String] {
            let error = #expect(throws: DomainError.self) {
                try order.ship(request, id: UUID(), warehouseSKUs: Self.everywhere, at: Self.start, by: .system)
            }
            #expect(error?.kind == .validation)
            return error?.fields.map(\.field) ?? []
        }
        #expect(fields(Self.request([])) == ["lines"])
        #expect(fields(Self.request([("C", 1)])) == ["lines[0].sku"])
        #expect(fields(Self.request([("A", 1), ("a", 1)])) == ["lines[1].sku"])
        #expect(fields(Self.request([("A", 1)], carrier: "")) == ["carrier"])
        #expect(fields(Self.request([("A", 1)], carrier: String(repeating: "c", count: 65))) == ["carrier"])
        #expect(fields(Self.request([("A", 1)], tracking: String(repeating: "t", count: 129))) == ["trackingNumber"])
        #expect(order.status == .paid && !order.hasShippedGoods)
    }

    @Test func theChecksComeInTheContractsOrder() {
        func code(_ order: Order, _ request: ShipmentRequest = ShipmentTests.request([("A", 1)]),
                  warehouse: Set<String> = ShipmentTests.everywhere) -> String? {
            var order = order
            do {
                _ = try order.ship(request, id: UUID(), warehouseSKUs: warehouse, at: Self.start, by: .system)
                return nil
            } catch { return error.code }
        }
        for status in OrderStatus.allCases where status != .paid && status != .partiallyShipped {
            #expect(code(Self.order(status, address: nil, refunded: true), Self.request([])) == "invalid_transition", "\(status)")
        }
        #expect(code(Self.order(address: nil, refunded: true), Self.request([("A", 9)]), warehouse: []) == "validation_failed")
        #expect(code(Self.order(address: nil, refunded: true), warehouse: ["B"]) == "not_in_warehouse")
        #expect(code(Self.order(address: nil, refunded: true)) == "address_required")
        #expect(code(Self.order(refunded: true)) == "payment_refunded")
        #expect(code(Self.order(.partiallyShipped)) == nil)
    }

    @Test func anOrderWithShippedGoodsCannotBeCancelledEvenWhileBackordered() throws {
        var order = Self.order()
        _ = try order.ship(Self.request([("A", 1)]), id: UUID(), warehouseSKUs: Self.everywhere, at: Self.start, by: .system)
        #expect(throws: DomainError.self) { try order.move(to: .cancelled, at: Self.start, reason: "x", by: .system) }
        _ = try order.move(to: .backordered, at: Self.start, reason: "out_of_stock: B", by: .system)
        #expect(order.resumeStatus == .partiallyShipped)
        let error = #expect(throws: DomainError.self) { try order.move(to: .cancelled, at: Self.start, reason: "x", by: .system) }
        #expect(error?.code == "invalid_transition")
        _ = try order.resume(at: Self.start, paymentDueAt: Self.start)
        #expect(order.status == .partiallyShipped)
    }

    @Test func theAddressIsLockedOnceGoodsShippedOrTheOrderIsClosed() throws {
        for status in OrderStatus.allCases {
            var order = Self.order(status, address: nil)
            let locked = [.shipped, .delivered, .cancelled, .rejected, .paymentFailed].contains(status)
            if locked {
                let error = #expect(throws: DomainError.self) { try order.changeShippingAddress(to: Self.address, at: Self.start) }
                #expect(error?.code == "address_locked" && error?.kind == .conflict)
                #expect(order.shippingAddress == nil)
            } else {
                try order.changeShippingAddress(to: Self.address, at: Self.start.addingTimeInterval(5))
                #expect(order.shippingAddress == Self.address && order.updatedAt == Self.start.addingTimeInterval(5))
            }
        }
        var order = Self.order()
        _ = try order.ship(Self.request([("A", 1)]), id: UUID(), warehouseSKUs: Self.everywhere, at: Self.start, by: .system)
        let error = #expect(throws: DomainError.self) { try order.changeShippingAddress(to: Self.address, at: Self.start) }
        #expect(error?.code == "address_locked")
    }
}
