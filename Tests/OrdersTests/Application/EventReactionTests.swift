import EventBus
import Foundation
import Kernel
import OrdersApplication
import OrdersContracts
import PaymentsContracts
import Synchronization
import TestSupport
import Testing

@Suite("Orders: reactions to Allocation's and Payments' events")
struct EventReactionTests {
    @Test func allocatedRequestsOnePaymentAndAwaitsItEvenWhenDeliveredTwice() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place([("A", 2)]).orderId
        try await fixture.allocated(id)
        try await fixture.allocated(id)
        let order = try await fixture.order(id)
        #expect(order.status == "awaiting_payment" && order.paymentId == fixture.payments.paymentId(for: id))
        #expect(fixture.payments.requests.withLock { $0 } == [
            RequestPayment(orderId: id, customerId: fixture.customer.userId, amount: OrdersFixture.eur(2000))])
        #expect(try await fixture.history(id) == ["pending:placed", "awaiting_payment:allocated"])
    }

    @Test func aPaymentRequestThatFailsLeavesTheOrderPendingForTheRetry() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place().orderId
        fixture.payments.failing.withLock { $0 = true }
        await #expect(throws: FakePayments.Unavailable.self) { try await fixture.allocated(id) }
        #expect(try await fixture.order(id).status == "pending")
        fixture.payments.failing.withLock { $0 = false }
        try await fixture.allocated(id)
        #expect(try await fixture.order(id).status == "awaiting_payment")
    }

    @Test func rejectedOnlyFromPendingAndLateAllocationOrRejectionChangesNothing() async throws {
        let fixture = OrdersFixture()
        let rejected = try await fixture.place().orderId
        try await fixture.rejected(rejected, skus: ["A", "B"])
        try await fixture.rejected(rejected)
        try await fixture.allocated(rejected)
        #expect(try await fixture.order(rejected).status == "rejected")
        #expect(fixture.payments.requests.withLock { $0.isEmpty })
        #expect(try await fixture.history(rejected) == ["pending:placed", "rejected:out_of_stock: A, B"])

        let allocated = try await fixture.place().orderId
        try await fixture.allocated(allocated)
        try await fixture.rejected(allocated)
        #expect(try await fixture.order(allocated).status == "awaiting_payment")
    }

    @Test func allocationAfterACancellationCreatesNoPayment() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place().orderId
        _ = try await fixture.service.cancelOrder(id: id, caller: fixture.customer)
        try await fixture.allocated(id)
        #expect(try await fixture.order(id).status == "cancelled" && fixture.payments.requests.withLock { $0.isEmpty })
    }

    @Test func paymentSucceededPaysOnceAndOnlyForTheOrdersPayment() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place().orderId
        // Out of order: a payment result before the allocation is not a move the order can make.
        try await fixture.paid(id, payment: UUID())
        #expect(try await fixture.order(id).status == "pending")
        try await fixture.allocated(id)
        try await fixture.paid(id, payment: UUID())
        #expect(try await fixture.order(id).status == "awaiting_payment", "another payment's result is ignored")
        try await fixture.paid(id)
        try await fixture.paid(id)
        let order = try await fixture.order(id)
        #expect(order.status == "paid")
        #expect(fixture.bus.published(OrderPaid.self) == [
            OrderPaid(orderId: id, customerId: fixture.customer.userId, paymentId: try #require(order.paymentId), total: order.total)])
        // A failure arriving after the success changes nothing.
        try await fixture.paymentFailed(id)
        #expect(try await fixture.order(id).status == "paid" && fixture.bus.published(OrderPaymentFailed.self).isEmpty)
    }

    @Test func paymentFailedMovesToPaymentFailedOnceAndAnnouncesIt() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place().orderId
        try await fixture.allocated(id)
        try await fixture.paymentFailed(id)
        try await fixture.paymentFailed(id)
        try await fixture.paid(id)
        #expect(try await fixture.order(id).status == "payment_failed")
        let payment = try #require(fixture.payments.paymentId(for: id))
        #expect(fixture.bus.published(OrderPaymentFailed.self) == [
            OrderPaymentFailed(orderId: id, customerId: fixture.customer.userId, paymentId: payment)])
        #expect(try await fixture.history(id).last == "payment_failed:payment_failed: card_declined")
    }

    /// The provider refused to create the payment and the allocation reaction that asked for it did not commit: the
    /// failure reaches a `pending` order, which fails and releases its stock; the allocation delivered again is late.
    @Test func aPaymentFailureForAPendingOrderFailsItAndAnnouncesIt() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place().orderId
        let payment = UUID()
        try await fixture.paymentFailed(id, payment: payment)
        try await fixture.paymentFailed(id, payment: payment)
        try await fixture.allocated(id)
        #expect(try await fixture.order(id).status == "payment_failed")
        #expect(fixture.bus.published(OrderPaymentFailed.self) == [
            OrderPaymentFailed(orderId: id, customerId: fixture.customer.userId, paymentId: payment)])
        #expect(try await fixture.history(id) == ["pending:placed", "payment_failed:payment_failed: card_declined"])
        #expect(fixture.payments.requests.withLock { $0.isEmpty })
    }

    @Test func anAllocatedLineThatLosesItsBatchBackordersAwaitingOrPaidOrdersOnly() async throws {
        let fixture = OrdersFixture()
        let awaiting = try await fixture.place().orderId
        try await fixture.allocated(awaiting)
        try await fixture.outOfStock(awaiting, wasAllocated: false)
        #expect(try await fixture.order(awaiting).status == "awaiting_payment", "a line never allocated is the rejection's business")
        try await fixture.outOfStock(awaiting)
        try await fixture.outOfStock(awaiting)
        #expect(try await fixture.order(awaiting).status == "backordered")
        #expect(try await fixture.history(awaiting).filter { $0.hasPrefix("backordered") } == ["backordered:out_of_stock: A"])

        let paid = try await fixture.place().orderId
        try await fixture.allocated(paid)
        try await fixture.paid(paid)
        try await fixture.outOfStock(paid)
        #expect(try await fixture.order(paid).status == "backordered")

        let pending = try await fixture.place().orderId
        try await fixture.outOfStock(pending)
        #expect(try await fixture.order(pending).status == "pending")
    }

    @Test func aRefundIsRecordedInTheHistoryWithoutAStatusChange() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place().orderId
        try await fixture.allocated(id)
        try await fixture.paid(id)
        _ = try await fixture.service.cancelOrder(id: id, caller: fixture.customer)
        try await fixture.refunded(id)
        #expect(try await fixture.order(id).status == "cancelled")
        #expect(try await fixture.history(id) == ["pending:placed", "awaiting_payment:allocated", "paid:payment_succeeded",
                                                  "cancelled:cancelled_by_customer", "cancelled:refunded:1000 EUR"])
    }

    @Test func eventsForAnUnknownOrderAreIgnored() async throws {
        let fixture = OrdersFixture()
        let unknown = UUID()
        try await fixture.allocated(unknown)
        try await fixture.rejected(unknown)
        try await fixture.outOfStock(unknown)
        try await fixture.paid(unknown)
        try await fixture.paymentFailed(unknown)
        try await fixture.refunded(unknown)
        #expect(fixture.store.state.snapshot.orders.isEmpty && fixture.payments.requests.withLock { $0.isEmpty })
    }
}
