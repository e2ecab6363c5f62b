import EventBus
import Foundation
import Kernel
import OrdersApplication
import OrdersContracts
import Synchronization
import Testing

@Suite("Orders: cancellation, fulfilment and who sees what")
struct OrderLifecycleTests {
    /// An order of the fixture's customer brought to `status` through the real reactions.
    static func order(in status: String, _ fixture: OrdersFixture) async throws -> UUID {
        let id = try await fixture.place().orderId
        switch status {
        case "pending": break
        case "awaiting_payment": try await fixture.allocated(id)
        case "paid":
            try await fixture.allocated(id)
            try await fixture.paid(id)
        case "backordered":
            try await fixture.allocated(id)
            try await fixture.outOfStock(id)
        case "rejected": try await fixture.rejected(id)
        case "payment_failed":
            try await fixture.allocated(id)
            try await fixture.paymentFailed(id)
        case "shipped":
            try await fixture.allocated(id)
            try await fixture.paid(id)
            try await fixture.giveAddress(id)
            try await fixture.changeStatus(id, to: "shipped")
        default: Issue.record("no path to \(status)")
        }
        #expect(try await fixture.order(id).status == status)
        return id
    }

    @Test(arguments: ["pending", "awaiting_payment", "paid", "backordered"])
    func cancellingReleasesAndAnnouncesWithThePreviousStatusAndPayment(from status: String) async throws {
        let fixture = OrdersFixture()
        let id = try await Self.order(in: status, fixture)
        let cancelled = try await fixture.service.cancelOrder(id: id, caller: fixture.customer)
        #expect(cancelled.status == "cancelled")
        let again = try await fixture.service.cancelOrder(id: id, caller: fixture.staff)
        #expect(again == cancelled, "cancelling a cancelled order answers it as it is")
        #expect(fixture.bus.published(OrderCancelled.self) == [OrderCancelled(
            orderId: id, customerId: fixture.customer.userId, previousStatus: status, paymentId: cancelled.paymentId)])
        #expect((cancelled.paymentId != nil) == (status != "pending"))
    }

    @Test(arguments: ["rejected", "payment_failed", "shipped"])
    func cancellingAFinishedOrderIsAnInvalidTransition(from status: String) async throws {
        let fixture = OrdersFixture()
        let id = try await Self.order(in: status, fixture)
        let error = await #expect(throws: DomainError.self) { try await fixture.service.cancelOrder(id: id, caller: fixture.customer) }
        #expect(error?.code == "invalid_transition" && error?.message.contains("is \(status)") == true)
        #expect(fixture.bus.published(OrderCancelled.self).isEmpty)
    }

    @Test func staffShipAndDeliverPaidOrdersOnly() async throws {
        let fixture = OrdersFixture()
        let id = try await Self.order(in: "awaiting_payment", fixture)
        let early = await #expect(throws: DomainError.self) { try await fixture.changeStatus(id, to: "shipped") }
        #expect(early?.code == "invalid_transition" && early?.message.contains("is awaiting_payment") == true)
        try await fixture.paid(id)
        try await fixture.giveAddress(id)
        let notStaff = await #expect(throws: DomainError.self) { try await fixture.changeStatus(id, to: "shipped", by: fixture.customer) }
        #expect(notStaff?.code == "forbidden")
        for bad in ["paid", "cancelled", "nonsense"] {
            let error = await #expect(throws: DomainError.self) { try await fixture.changeStatus(id, to: bad) }
            #expect(error?.kind == .validation && error?.fields.map(\.field) == ["status"])
        }
        #expect(try await fixture.changeStatus(id, to: "shipped").status == "shipped")
        let twice = await #expect(throws: DomainError.self) { try await fixture.changeStatus(id, to: "shipped") }
        #expect(twice?.code == "invalid_transition" && twice?.message.contains("is shipped") == true)
        #expect(try await fixture.changeStatus(id, to: "delivered").status == "delivered")
        #expect(fixture.bus.published(OrderShipped.self) == [OrderShipped(orderId: id, customerId: fixture.customer.userId)])
        #expect(fixture.bus.published(OrderDelivered.self) == [OrderDelivered(orderId: id, customerId: fixture.customer.userId)])
        let missing = await #expect(throws: DomainError.self) { try await fixture.changeStatus(UUID(), to: "shipped") }
        #expect(missing?.kind == .notFound)
    }

    @Test func customersSeeOnlyTheirOwnOrdersAndNeverTheHistory() async throws {
        let fixture = OrdersFixture()
        let mine = try await fixture.place().orderId
        let stranger = Caller(userId: UUID(), roles: [.customer])
        for attempt in [
            { try await fixture.service.order(id: mine, caller: stranger) as Any },
            { try await fixture.service.cancelOrder(id: mine, caller: stranger) as Any },
            { try await fixture.service.order(id: UUID(), caller: fixture.customer) as Any },
        ] {
            let error = await #expect(throws: DomainError.self) { _ = try await attempt() }
            #expect(error?.kind == .notFound && error?.code == "not_found")
        }
        #expect(try await fixture.service.order(id: mine, caller: fixture.customer).id == mine)
        let history = await #expect(throws: DomainError.self) { try await fixture.service.statusHistory(orderId: mine, caller: fixture.customer) }
        #expect(history?.code == "forbidden")
        #expect(try await fixture.order(mine).status == "pending")
    }

    @Test func listingIsNewestFirstKeysetPagedAndScopedToTheViewer() async throws {
        let fixture = OrdersFixture()
        let other = Caller(userId: UUID(), roles: [.customer])
        var mine: [UUID] = []
        for _ in 0..<5 { mine.append(try await fixture.place().orderId) }
        let theirs = try await fixture.place(by: other).orderId
        try await fixture.allocated(mine[1])

        var seen: [UUID] = []
        var cursor: String?
        repeat {
            let page = try await fixture.service.listOrders(OrderListQuery(limit: 2, cursor: cursor), caller: fixture.customer)
            seen += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == mine.reversed())

        let all = try await fixture.service.listOrders(OrderListQuery(limit: 100), caller: fixture.staff)
        #expect(all.items.map(\.id) == [theirs] + mine.reversed() && all.nextCursor == nil)
        let theirsOnly = try await fixture.service.listOrders(OrderListQuery(customerId: other.userId), caller: fixture.staff)
        #expect(theirsOnly.items.map(\.id) == [theirs])
        let awaiting = try await fixture.service.listOrders(OrderListQuery(status: "awaiting_payment"), caller: fixture.staff)
        #expect(awaiting.items.map(\.id) == [mine[1]])
        let ownFilter = try await fixture.service.listOrders(OrderListQuery(customerId: fixture.customer.userId), caller: fixture.customer)
        #expect(ownFilter.items.count == 5)

        let forbidden = await #expect(throws: DomainError.self) {
            try await fixture.service.listOrders(OrderListQuery(customerId: other.userId), caller: fixture.customer)
        }
        #expect(forbidden?.code == "forbidden")
        let badStatus = await #expect(throws: DomainError.self) {
            try await fixture.service.listOrders(OrderListQuery(status: "lost"), caller: fixture.staff)
        }
        #expect(badStatus?.kind == .validation && badStatus?.fields.map(\.field) == ["status"])
        // A cursor of the customer's listing is not one of the staff's listing.
        let page = try await fixture.service.listOrders(OrderListQuery(limit: 1), caller: fixture.customer)
        let foreign = await #expect(throws: DomainError.self) {
            try await fixture.service.listOrders(OrderListQuery(limit: 1, cursor: page.nextCursor), caller: fixture.staff)
        }
        #expect(foreign?.code == "invalid_cursor")
    }
}
