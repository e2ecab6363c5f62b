import Foundation
import Kernel
import PaymentsDomain
import Testing
@testable import PaymentsInfrastructure

@Suite("Webhook signatures (Stripe-Signature)")
struct WebhookSignatureTests {
    static let secret = "whsec_test_secret"
    static let t: Int64 = 1_700_000_000
    static let body = Array(#"{"id":"evt_1","object":"event"}"#.utf8)
    static let vector = "0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd"
    let signature = WebhookSignature(secret: Self.secret)

    @Test func theFixedVectorIsReproducedAndAccepted() {
        #expect(WebhookSignature.v1(secret: Array(Self.secret.utf8), timestamp: Self.t, payload: Self.body) == Self.vector)
        #expect(signature.header(payload: Self.body, timestamp: Self.t) == "t=\(Self.t),v1=\(Self.vector)")
        #expect(signature.isValid(payload: Self.body, header: "t=\(Self.t),v1=\(Self.vector)", now: Self.t))
        #expect(signature.isValid(payload: Self.body, header: "t=\(Self.t),v1=\(Self.vector.uppercased())", now: Self.t))
    }

    @Test func aWrongSecretOrATamperedBodyIsRefused() {
        let header = "t=\(Self.t),v1=\(Self.vector)"
        #expect(!WebhookSignature(secret: "whsec_other_secret").isValid(payload: Self.body, header: header, now: Self.t))
        #expect(!signature.isValid(payload: Array(#"{"id":"evt_2","object":"event"}"#.utf8), header: header, now: Self.t))
        #expect(!signature.isValid(payload: Self.body + [0x20], header: header, now: Self.t))
        // The MAC covers the timestamp too: the same MAC with another `t` is refused.
        #expect(!signature.isValid(payload: Self.body, header: "t=\(Self.t + 1),v1=\(Self.vector)", now: Self.t))
    }

    @Test func stampsMoreThan300SecondsAwayEitherWayAreRefused() {
        let header = "t=\(Self.t),v1=\(Self.vector)"
        #expect(signature.isValid(payload: Self.body, header: header, now: Self.t + 300))
        #expect(signature.isValid(payload: Self.body, header: header, now: Self.t - 300))
        #expect(!signature.isValid(payload: Self.body, header: header, now: Self.t + 301), "stale")
        #expect(!signature.isValid(payload: Self.body, header: header, now: Self.t - 301), "from the future")
        #expect(!signature.isValid(payload: Self.body, header: "t=999999999999,v1=\(Self.vector)", now: Self.t))
    }

    @Test func missingAndMalformedHeadersAreRefused() {
        let malformed = [nil, "", "t=\(Self.t)", "v1=\(Self.vector)", "t=abc,v1=\(Self.vector)", "t=-5,v1=\(Self.vector)",
                         "t=\(Self.t),v1=\(Self.vector.dropLast())", "t=\(Self.t),v1=zz\(Self.vector.dropFirst(2))",
                         "t=\(Self.t),t=\(Self.t),v1=\(Self.vector)", "t=\(Self.t);v1=\(Self.vector)", "t=\(Self.t),v1",
                         "t=\(Self.t),v0=\(Self.vector)", String(repeating: "x", count: 5000)]
        for header in malformed {
            #expect(!signature.isValid(payload: Self.body, header: header, now: Self.t), "\(header ?? "nil")")
        }
    }

    @Test func anyOfSeveralV1ValuesMayMatchAndThePreviousSecretStillWorks() {
        let wrong = String(repeating: "0", count: 64)
        #expect(signature.isValid(payload: Self.body, header: "t=\(Self.t),v1=\(wrong),v1=\(Self.vector)", now: Self.t))
        #expect(signature.isValid(payload: Self.body, header: "t=\(Self.t), v1=\(Self.vector), v1=\(wrong), v0=abc", now: Self.t))
        #expect(!signature.isValid(payload: Self.body, header: "t=\(Self.t),v1=\(wrong),v1=\(wrong)", now: Self.t))

        let rotated = WebhookSignature(secret: "whsec_new_secret_value", previous: Self.secret)
        #expect(rotated.isValid(payload: Self.body, header: "t=\(Self.t),v1=\(Self.vector)", now: Self.t))
        let signedWithNew = rotated.header(payload: Self.body, timestamp: Self.t)
        #expect(rotated.isValid(payload: Self.body, header: signedWithNew, now: Self.t))
        #expect(!signature.isValid(payload: Self.body, header: signedWithNew, now: Self.t))
    }

    @Test func theWebhookReaderChecksTheSignatureBeforeTheBody() throws {
        let reader = StripeWebhooks(signature: signature)
        let now = Date(timeIntervalSince1970: TimeInterval(Self.t))
        let garbage = Array("not json".utf8)
        let unsigned = #expect(throws: DomainError.self) { try reader.read(payload: garbage, signature: nil, at: now) }
        #expect(unsigned?.code == "invalid_signature")
        let signed = signature.header(payload: garbage, timestamp: Self.t)
        let malformed = #expect(throws: DomainError.self) { try reader.read(payload: garbage, signature: signed, at: now) }
        #expect(malformed?.code == "malformed_json")
        // The fixed vector's body is signed correctly but is no event (it has no `type`).
        let untyped = #expect(throws: DomainError.self) { try reader.read(payload: Self.body, signature: "t=\(Self.t),v1=\(Self.vector)", at: now) }
        #expect(untyped?.code == "malformed_json")
        let other = Array(#"{"id":"evt_2","type":"customer.created","data":{"object":{}}}"#.utf8)
        let unknown = try reader.read(payload: other, signature: signature.header(payload: other, timestamp: Self.t), at: now)
        #expect(unknown.report == nil && unknown.id == "evt_2" && unknown.type == "customer.created")
    }

    @Test func eventBodiesAreReadIntoReports() throws {
        let payment = UUID(), order = UUID()
        let succeeded = try StripeEventBody.event(from: SimulatedPaymentEvent(
            eventId: "evt_a", outcome: .succeeded, paymentId: payment, orderId: order, providerReference: "pi_1",
            amount: Money(amount: 1999, currency: .eur), created: Self.t).body())
        #expect(succeeded == ProviderEvent(id: "evt_a", type: "payment_intent.succeeded", providerReference: "pi_1",
                                           paymentId: payment, report: .succeeded(Money(amount: 1999, currency: .eur))))
        let failed = try StripeEventBody.event(from: SimulatedPaymentEvent(
            eventId: "evt_b", outcome: .failed, paymentId: payment, orderId: order, providerReference: "pi_1",
            amount: Money(amount: 1999, currency: .eur), created: Self.t).body())
        #expect(failed.report == .failed(reason: "Your card was declined (simulated)."))
        let charge = Array(#"{"id":"evt_c","type":"charge.refunded","data":{"object":{"id":"ch_1","payment_intent":"pi_1","amount":1999,"currency":"eur"}}}"#.utf8)
        #expect(try StripeEventBody.event(from: charge).providerReference == "pi_1")
        let partial = Array(#"{"id":"evt_d","type":"charge.refunded","data":{"object":{"id":"ch_1","payment_intent":"pi_1","refunded":false}}}"#.utf8)
        #expect(try StripeEventBody.event(from: partial).report == nil)
        let noAmount = Array(#"{"id":"evt_e","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1"}}}"#.utf8)
        #expect(throws: DomainError.self) { try StripeEventBody.event(from: noAmount) }
        #expect(throws: DomainError.self) { try StripeEventBody.event(from: Array(#"{"type":"x"}"#.utf8)) }
        #expect(throws: DomainError.self) { try StripeEventBody.event(from: Array(#"[1,2]"#.utf8)) }
    }
}
