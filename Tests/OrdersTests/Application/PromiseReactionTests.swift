import AllocationContracts
import EventBus
import Foundation
import Kernel
import OrdersApplication
import OrdersContracts
import PaymentsContracts
import TestSupport
import Testing

/// Orders keeping Allocation's promises (ADR 17): dates from events, backorders recovering, the payment deadline.
@Suite("Orders: expected ship dates, backorders and the payment deadline")
struct PromiseReactionTests {
    static func allocated(_ fixture: OrdersFixture, _ id: UUID, _ dates: [(String, String)]) async throws {
        let event = OrderAllocated(orderId: id, lines: dates.map {
            AllocatedLine(sku: $0.0, quantity: 1, batchReference: "b-\($0.0)", eta: nil, expectedShipDate: $0.1)
        })
        try await fixture.store.transaction { tx in try await fixture.service.orderAllocated(event, in: tx) }
    }

    static func deliver(_ fixture: OrdersFixture, _ body: @escaping @Sendable (OrdersTransaction) async throws -> Void) async throws {
        try await fixture.store.transaction { tx in try await body(tx) }
    }

    @Test func theLinesGetTheirDatesAtAllocationAndTheOrderTheLatest() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place([("A", 1), ("B", 1)]).orderId
        #expect(try await fixture.order(id).expectedShipDate == nil)
        try await Self.allocated(fixture, id, [("A", "2027-01-05"), ("B", "2027-02-01")])
        let order = try await fixture.order(id)
        #expect(order.lines.map(\.expectedShipDate) == ["2027-01-05", "2027-02-01"] && order.expectedShipDate == "2027-02-01")
    }

    @Test func aMovedETARedatesTheLineAndRecordsItOnceWithoutAStatusChange() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place([("A", 1)]).orderId
        try await Self.allocated(fixture, id, [("A", "2027-01-05")])
        let moved = ShipDateChanged(orderId: id, sku: "A", batchReference: "b-A", eta: "2027-02-08", expectedShipDate: "2027-02-10")
        try await Self.deliver(fixture) { try await fixture.service.shipDateChanged(moved, in: $0) }
        try await Self.deliver(fixture) { try await fixture.service.shipDateChanged(moved, in: $0) }
        let order = try await fixture.order(id)
        #expect(order.status == "awaiting_payment" && order.expectedShipDate == "2027-02-10")
        #expect(try await fixture.history(id) == ["pending:placed", "awaiting_payment:allocated", "awaiting_payment:eta_changed"],
                "a redelivery changes nothing")
        let entries = try await fixture.service.statusHistory(orderId: id, caller: fixture.staff)
        #expect(entries.map(\.actor) == [.user(fixture.customer.userId), .system, .system])
    }

    @Test func aBackorderedOrderReturnsOnceEveryLineIsBackAndAPaymentMeanwhileMakesItPaid() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place([("A", 1), ("B", 1)]).orderId
        try await Self.allocated(fixture, id, [("A", "2027-01-05"), ("B", "2027-01-06")])
        for sku in ["A", "B"] {
            let lost = OutOfStock(sku: sku, orderId: id, quantity: 1, orderWasAllocated: true)
            try await Self.deliver(fixture) { try await fixture.service.outOfStock(lost, in: $0) }
        }
        var order = try await fixture.order(id)
        #expect(order.status == "backordered" && order.lines.map(\.expectedShipDate) == [nil, nil])
        try await fixture.paid(id)
        #expect(try await fixture.order(id).status == "backordered")
        #expect(try await fixture.history(id).suffix(3) == ["backordered:out_of_stock: A", "backordered:out_of_stock: B",
                                                             "backordered:payment_succeeded"])
        let a = BackorderedLineAllocated(orderId: id, sku: "A", quantity: 1, batchReference: "n", eta: nil,
                                         expectedShipDate: "2027-03-01", orderFullyAllocated: false)
        try await Self.deliver(fixture) { try await fixture.service.backorderedLineAllocated(a, in: $0) }
        order = try await fixture.order(id)
        #expect(order.status == "backordered" && order.lines.map(\.expectedShipDate) == ["2027-03-01", nil])
        let b = BackorderedLineAllocated(orderId: id, sku: "B", quantity: 1, batchReference: "n", eta: "2027-03-05",
                                         expectedShipDate: "2027-03-07", orderFullyAllocated: true)
        try await Self.deliver(fixture) { try await fixture.service.backorderedLineAllocated(b, in: $0) }
        order = try await fixture.order(id)
        #expect(order.status == "paid" && order.expectedShipDate == "2027-03-07")
        #expect(try await fixture.history(id).last == "paid:reallocated")
        #expect(fixture.bus.published(OrderPaid.self).map(\.orderId) == [id], "paid once, when it returned")
    }

    @Test func theDeadlineCancelsOnlyOverdueUnpaidOrdersOnceAndPublishesTheCancellation() async throws {
        let fixture = OrdersFixture()
        let unpaid = try await fixture.place().orderId
        try await fixture.allocated(unpaid)
        let paid = try await fixture.place().orderId
        try await fixture.allocated(paid)
        try await fixture.paid(paid)
        #expect(try await fixture.service.cancelOverdueOrders() == 0, "nothing is due yet")
        fixture.advance(86_400 - 3)
        let fresh = try await fixture.place().orderId
        try await fixture.allocated(fresh)
        fixture.advance(2)
        #expect(try await fixture.service.cancelOverdueOrders() == 1)
        #expect(try await fixture.service.cancelOverdueOrders() == 0, "cancelled once")
        #expect(try await fixture.order(unpaid).status == "cancelled")
        #expect(try await fixture.order(paid).status == "paid")
        #expect(try await fixture.order(fresh).status == "awaiting_payment", "not due yet")
        #expect(try await fixture.history(unpaid).last == "cancelled:payment_deadline_passed")
        #expect(fixture.bus.published(OrderCancelled.self) == [OrderCancelled(
            orderId: unpaid, customerId: fixture.customer.userId, previousStatus: "awaiting_payment",
            paymentId: fixture.payments.paymentId(for: unpaid))])
    }
}
