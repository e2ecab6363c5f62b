import Foundation
import Kernel
import PaymentsDomain
import Testing

@Suite("Refunds: bounds, partial then full, refunds reported by the provider")
struct RefundRulesTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static func eur(_ amount: Int64) -> Money { Money(amount: amount, currency: .eur) }

    static func payment(_ status: PaymentStatus, refunded: Int64 = 0) -> Payment {
        Payment(id: UUID(), orderId: UUID(), customerId: UUID(), amount: eur(1999), provider: "sandbox", providerReference: "pi_1",
                status: status, refundedAmount: eur(refunded), createdAt: now, updatedAt: now)
    }

    @Test func aPartRefundKeepsThePaymentSucceededAndTheRestMakesItRefunded() throws {
        var payment = Self.payment(.succeeded)
        #expect(try payment.refund(Self.eur(500), at: Self.now) == Self.eur(500))
        #expect(payment.status == .succeeded && payment.refundedAmount == Self.eur(500) && payment.remaining == Self.eur(1499))
        // Omitted: everything that is left.
        #expect(try payment.refund(nil, at: Self.now.addingTimeInterval(1)) == Self.eur(1499))
        #expect(payment.status == .refunded && payment.refundedAmount == Self.eur(1999) && payment.remaining == Self.eur(0))
        #expect(payment.updatedAt == Self.now.addingTimeInterval(1))
    }

    @Test func anAmountMustBeOneToWhatIsLeftInThePaymentsCurrency() throws {
        var payment = Self.payment(.succeeded, refunded: 999)
        for (amount, code) in [(Self.eur(1001), "refund_exceeds_payment"), (Self.eur(0), "validation_failed"),
                               (Self.eur(-5), "validation_failed"), (Money(amount: 10, currency: Currency("USD")!), "validation_failed")] {
            let error = #expect(throws: DomainError.self) { try payment.refund(amount, at: Self.now) }
            #expect(error?.code == code && error?.kind == .validation, "\(amount)")
        }
        #expect(payment.refundedAmount == Self.eur(999), "a refused refund counts nothing")
        #expect(try payment.refund(Self.eur(1000), at: Self.now) == Self.eur(1000))
        #expect(payment.status == .refunded)
    }

    @Test func onlyASucceededPaymentCanBeRefundedByStaff() {
        for status in [PaymentStatus.pending, .failed, .cancelled, .refunded] {
            var payment = Self.payment(status, refunded: status == .refunded ? 1999 : 0)
            let error = #expect(throws: DomainError.self) { try payment.refund(nil, at: Self.now) }
            #expect(error?.code == "invalid_transition" && error?.kind == .conflict, "\(status)")
        }
    }

    @Test func cancellingAPartlyRefundedPaymentRefundsOnlyWhatIsLeft() {
        var payment = Self.payment(.succeeded, refunded: 500)
        #expect(payment.cancel(at: Self.now) == .refundRequired)
        #expect(payment.refund(at: Self.now) == Self.eur(1499))
        #expect(payment.status == .refunded && payment.refundedAmount == Self.eur(1999))
        var refunded = Self.payment(.refunded, refunded: 1999)
        #expect(refunded.cancel(at: Self.now) == .unchanged(reason: "nothing to cancel in a refunded payment"))
    }

    @Test func aProviderReportCountsOnlyWhatWharfDidNotKnowOf() {
        var payment = Self.payment(.succeeded, refunded: 500)
        #expect(payment.record(.partlyRefunded(total: Self.eur(500)), at: Self.now) == .unchanged(reason: "the refunds reported are recorded already"))
        #expect(payment.record(.partlyRefunded(total: Self.eur(800)), at: Self.now) == .refunded(amount: Self.eur(300)))
        #expect(payment.status == .succeeded && payment.refundedAmount == Self.eur(800))
        // An older, smaller report arriving late changes nothing.
        #expect(payment.record(.partlyRefunded(total: Self.eur(600)), at: Self.now) == .unchanged(reason: "the refunds reported are recorded already"))
        #expect(payment.record(.partlyRefunded(total: Self.eur(1999)), at: Self.now) == .refunded(amount: Self.eur(1199)))
        #expect(payment.status == .refunded && payment.refundedAmount == Self.eur(1999))
        var whole = Self.payment(.succeeded, refunded: 700)
        #expect(whole.record(.refunded, at: Self.now) == .refunded(amount: Self.eur(1299)))
        #expect(whole.status == .refunded)
    }

    @Test func aRefundReasonIsOneTo500CharactersWithoutControlCharacters() throws {
        #expect(try RefundReason("  damaged in transit ").text == "damaged in transit")
        #expect(try RefundReason(String(repeating: "x", count: 500)).text.count == 500)
        for bad in ["", "   ", String(repeating: "x", count: 501), "bell\u{7}"] {
            let error = #expect(throws: DomainError.self) { try RefundReason(bad) }
            #expect(error?.code == "validation_failed" && error?.fields.first?.field == "reason")
        }
    }
}
