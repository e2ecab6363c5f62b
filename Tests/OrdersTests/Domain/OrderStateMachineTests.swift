import Foundation
import Kernel
import OrdersDomain
import Testing

@Suite("Order state machine")
struct OrderStateMachineTests {
    /// The contract's table, written out independently of `OrderStatus.successors`.
    static let allowed: Set<String> = [
        "pending>awaiting_payment", "pending>rejected", "pending>cancelled", "pending>payment_failed",
        "awaiting_payment>paid", "awaiting_payment>payment_failed", "awaiting_payment>cancelled", "awaiting_payment>backordered",
        "paid>shipped", "paid>partially_shipped", "paid>cancelled", "paid>backordered",
        "partially_shipped>shipped", "partially_shipped>backordered",
        "backordered>awaiting_payment", "backordered>paid", "backordered>partially_shipped", "backordered>cancelled",
        "shipped>delivered",
    ]

    static func order(_ status: OrderStatus) -> Order {
        let line = OrderLine(sku: "A", quantity: 1, unitPrice: Money(amount: 100, currency: .eur))
        return Order(id: UUID(), customerId: UUID(), status: status, lines: [line], total: line.unitPrice, paymentId: nil,
                     createdAt: Date(timeIntervalSince1970: 1_800_000_000), updatedAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test(arguments: OrderStatus.allCases)
    func everyPairIsEitherAllowedOrAnInvalidTransitionNamingTheCurrentStatus(from: OrderStatus) throws {
        for to in OrderStatus.allCases {
            var order = Self.order(from)
            let later = Date(timeIntervalSince1970: 1_800_000_010)
            if Self.allowed.contains("\(from.rawValue)>\(to.rawValue)") {
                let change = try order.move(to: to, at: later, reason: "test", by: .system)
                #expect(order.status == to && order.updatedAt == later)
                #expect(change == StatusChange(status: to, at: later, reason: "test", actor: .system))
            } else {
                let error = #expect(throws: DomainError.self) { try order.move(to: to, at: later, reason: "test", by: .system) }
                #expect(error?.code == "invalid_transition" && error?.kind == .conflict, "\(from) → \(to)")
                #expect(error?.message.contains("is \(from.rawValue)") == true, "\(error?.message ?? "")")
                #expect(order.status == from && order.updatedAt == Self.order(from).updatedAt, "a refused move changes nothing")
            }
        }
    }

    @Test func theSameStatusIsNeverAMove() {
        for status in OrderStatus.allCases { #expect(!status.canMove(to: status)) }
    }

    @Test func awaitingPaymentRecordsThePayment() throws {
        var order = Self.order(.pending)
        let payment = UUID()
        let due = Date(timeIntervalSince1970: 1_800_086_401)
        _ = try order.awaitPayment(payment, at: Date(timeIntervalSince1970: 1_800_000_001), dueAt: due)
        #expect(order.status == .awaitingPayment && order.paymentId == payment && order.paymentDueAt == due)
        var shipped = Self.order(.shipped)
        #expect(throws: DomainError.self) { try shipped.awaitPayment(payment, at: Date(), dueAt: due) }
        #expect(shipped.paymentId == nil)
    }

    @Test func aHistoryReasonIsCutToWhatTheTableHolds() {
        let skus = (0..<50).map { String(format: "SKU-%060d", $0) }.joined(separator: ", ")
        let change = StatusChange(status: .rejected, at: Date(), reason: "out_of_stock: " + skus, actor: .system)
        #expect(change.reason.unicodeScalars.count == StatusChange.maximumReasonLength && change.reason.hasSuffix("…"))
        #expect(StatusChange(status: .rejected, at: Date(), reason: "out_of_stock: A", actor: .system).reason == "out_of_stock: A")
    }

    @Test func aBackorderedOrderReturnsToTheStatusItHadBefore() throws {
        for before in [OrderStatus.awaitingPayment, .paid] {
            var order = Self.order(before)
            _ = try order.move(to: .backordered, at: Date(timeIntervalSince1970: 1_800_000_001), reason: "out_of_stock: A", by: .system)
            #expect(order.resumeStatus == before)
            let due = Date(timeIntervalSince1970: 1_800_090_000)
            let change = try order.resume(at: Date(timeIntervalSince1970: 1_800_000_002), paymentDueAt: due)
            #expect(order.status == before && change.reason == "reallocated" && change.actor == .system)
            #expect(order.resumeStatus == nil && order.paymentDueAt == (before == .awaitingPayment ? due : nil))
        }
        var paid = Self.order(.paid)
        #expect(throws: DomainError.self) { try paid.resume(at: Date(), paymentDueAt: Date()) }
        #expect(paid.status == .paid)
    }

    @Test func aPaymentWhileBackorderedIsRecordedAndTheOrderReturnsToPaid() throws {
        var order = Self.order(.awaitingPayment)
        _ = try order.move(to: .backordered, at: Date(timeIntervalSince1970: 1_800_000_001), reason: "out_of_stock: A", by: .system)
        let first = order.recordPaymentWhileBackordered(at: Date(timeIntervalSince1970: 1_800_000_002))
        let recorded = try #require(first)
        #expect(recorded.status == .backordered && recorded.reason == "payment_succeeded" && recorded.actor == .provider)
        let again = order.recordPaymentWhileBackordered(at: Date(timeIntervalSince1970: 1_800_000_003))
        #expect(again == nil, "recorded once")
        _ = try order.resume(at: Date(timeIntervalSince1970: 1_800_000_004), paymentDueAt: Date())
        #expect(order.status == .paid && order.paymentDueAt == nil)
    }

    @Test func theOrdersDateIsTheLatestLinesAndNoneWhileALineHasNone() {
        let price = Money(amount: 100, currency: .eur)
        var order = Order(id: UUID(), customerId: UUID(), status: .awaitingPayment,
                          lines: [OrderLine(sku: "A", quantity: 1, unitPrice: price), OrderLine(sku: "B", quantity: 1, unitPrice: price)],
                          total: price, paymentId: nil, createdAt: Date(), updatedAt: Date())
        #expect(order.expectedShipDate == nil)
        let a = order.promise(sku: "A", date: "2027-03-09")
        #expect(a && order.expectedShipDate == nil, "B has no date yet")
        let b = order.promise(sku: "B", date: "2027-01-31")
        #expect(b && order.expectedShipDate == "2027-03-09")
        let same = order.promise(sku: "B", date: "2027-01-31")
        #expect(!same, "the same date is no change")
        let unknown = order.promise(sku: "C", date: "2027-01-31")
        #expect(!unknown, "a SKU the order does not have")
        let lost = order.promise(sku: "A", date: nil)
        #expect(lost && order.expectedShipDate == nil)
    }

    @Test func aPlacementIsTheCustomersAndItsHistoryNamesThem() throws {
        let customer = UUID()
        let line = OrderLine(sku: "A", quantity: 1, unitPrice: Money(amount: 100, currency: .eur))
        let (_, placed) = try Order.place(id: UUID(), customerId: customer, lines: [line], at: Date())
        #expect(placed.actor == .user(customer) && placed.actor.type == .user && placed.actor.id == customer)
        #expect(Agent(type: .system, id: customer).id == nil, "only a user has an id")
    }
}
