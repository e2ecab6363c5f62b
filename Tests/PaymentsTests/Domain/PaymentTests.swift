import Foundation
import Kernel
import PaymentsDomain
import Testing

@Suite("Payment state machine")
struct PaymentTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let amount = Money(amount: 1999, currency: .eur)

    static func payment(_ status: PaymentStatus) -> Payment {
        Payment(id: UUID(), orderId: UUID(), customerId: UUID(), amount: amount, provider: "sandbox", providerReference: "pi_1",
                status: status, createdAt: now, updatedAt: now)
    }

    @Test func aPendingPaymentSucceedsFailsOrIsCancelled() {
        var succeeded = Self.payment(.pending)
        #expect(succeeded.record(.succeeded(Self.amount), at: Self.now) == .succeeded)
        #expect(succeeded.status == .succeeded)
        var failed = Self.payment(.pending)
        #expect(failed.record(.failed(reason: "declined"), at: Self.now) == .failed(reason: "declined"))
        #expect(failed.status == .failed && failed.failureReason == "declined")
        var cancelled = Self.payment(.pending)
        #expect(cancelled.cancel(at: Self.now) == .cancelled)
        #expect(cancelled.status == .cancelled)
    }

    @Test func aSuccessForAnotherAmountOrCurrencyNeverMarksItSucceeded() {
        var payment = Self.payment(.pending)
        let other = Money(amount: 1, currency: .eur)
        #expect(payment.record(.succeeded(other), at: Self.now) == .amountMismatch(reported: other))
        let dollars = Money(amount: 1999, currency: Currency("USD")!)
        #expect(payment.record(.succeeded(dollars), at: Self.now) == .amountMismatch(reported: dollars))
        #expect(payment.status == .pending)
    }

    @Test func moneyForAPaymentNoLongerWantedMustBeRefunded() {
        for status in [PaymentStatus.cancelled, .failed] {
            var payment = Self.payment(status)
            #expect(payment.record(.succeeded(Self.amount), at: Self.now) == .refundRequired)
            payment.refund(at: Self.now)
            #expect(payment.status == .refunded)
        }
        var paid = Self.payment(.succeeded)
        #expect(paid.cancel(at: Self.now) == .refundRequired)
        #expect(paid.status == .succeeded, "only the provider's acceptance of the refund moves it")
    }

    @Test func lateAndRepeatedReportsChangeNothing() {
        let cases: [(PaymentStatus, ProviderReport)] = [
            (.succeeded, .succeeded(Self.amount)), (.succeeded, .failed(reason: nil)), (.refunded, .succeeded(Self.amount)),
            (.refunded, .refunded), (.failed, .failed(reason: nil)), (.cancelled, .failed(reason: nil)), (.pending, .refunded),
            (.pending, .pending),
        ]
        for (status, report) in cases {
            var payment = Self.payment(status)
            guard case .unchanged = payment.record(report, at: Self.now) else {
                Issue.record("\(status) + \(report) should change nothing")
                continue
            }
            #expect(payment == Self.payment(status).withSameIdentity(as: payment))
        }
        for status in [PaymentStatus.failed, .cancelled, .refunded] {
            var payment = Self.payment(status)
            guard case .unchanged = payment.cancel(at: Self.now) else {
                Issue.record("cancelling a \(status) payment should change nothing")
                continue
            }
            #expect(payment.status == status)
        }
    }

    @Test func aReportedRefundMovesAPaidPaymentToRefunded() {
        var payment = Self.payment(.succeeded)
        #expect(payment.record(.refunded, at: Self.now.addingTimeInterval(5)) == .refunded(amount: Self.amount))
        #expect(payment.status == .refunded && payment.updatedAt == Self.now.addingTimeInterval(5))
    }

    @Test func signatureHeadersAreParsedStrictly() {
        let mac = String(repeating: "a", count: 64)
        #expect(SignatureHeader("t=1,v1=\(mac)")?.timestamp == 1)
        #expect(SignatureHeader("t=1,v1=\(mac),v1=\(mac.uppercased()),v0=x,foo=bar")?.signatures == [mac, mac])
        #expect(SignatureHeader("t=1") == nil)
        #expect(SignatureHeader("t=1,v1=\(mac),\(String(repeating: "v1=\(mac),", count: 8))") == nil, "too many signatures")
        #expect(SignatureHeader("t=1,v1=\(mac)")?.isFresh(now: 301) == true)
        #expect(SignatureHeader("t=1,v1=\(mac)")?.isFresh(now: 302) == false)
    }
}

extension Payment {
    /// The same values as `other` but this one's id, order and customer (the fixture makes fresh ids).
    func withSameIdentity(as other: Payment) -> Payment {
        Payment(id: other.id, orderId: other.orderId, customerId: other.customerId, amount: amount, provider: provider,
                providerReference: providerReference, status: status, failureReason: failureReason, createdAt: createdAt,
                updatedAt: updatedAt)
    }
}
