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
        "paid>shipped", "paid>cancelled", "paid>backordered",
        "backordered>cancelled",
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
                let change = try order.move(to: to, at: later, reason: "test")
                #expect(order.status == to && order.updatedAt == later)
                #expect(change == StatusChange(status: to, at: later, reason: "test"))
            } else {
                let error = #expect(throws: DomainError.self) { try order.move(to: to, at: later, reason: "test") }
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
        _ = try order.awaitPayment(payment, at: Date(timeIntervalSince1970: 1_800_000_001))
        #expect(order.status == .awaitingPayment && order.paymentId == payment)
        var shipped = Self.order(.shipped)
        #expect(throws: DomainError.self) { try shipped.awaitPayment(payment, at: Date()) }
        #expect(shipped.paymentId == nil)
    }

    @Test func aHistoryReasonIsCutToWhatTheTableHolds() {
        let skus = (0..<50).map { String(format: "SKU-%060d", $0) }.joined(separator: ", ")
        let change = StatusChange(status: .rejected, at: Date(), reason: "out_of_stock: " + skus)
        #expect(change.reason.unicodeScalars.count == StatusChange.maximumReasonLength && change.reason.hasSuffix("…"))
        #expect(StatusChange(status: .rejected, at: Date(), reason: "out_of_stock: A").reason == "out_of_stock: A")
    }
}
