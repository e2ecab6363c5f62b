import Foundation
import Kernel
import PaymentsApplication
import PaymentsContracts
import PaymentsDomain
import Testing
@testable import PaymentsInfrastructure

@Suite("Stripe adapter against a local stub")
struct StripeProviderTests {
    static func provider(_ url: URL) -> StripePaymentProvider {
        StripePaymentProvider(client: StripeClient(baseURL: url, apiKey: StripeStub.apiKey, maxAttempts: 3, initialBackoff: .milliseconds(1)))
    }

    static func intent(key: String = "wharf-order-1") -> IntentRequest {
        IntentRequest(paymentId: UUID(), orderId: UUID(), amount: Money(amount: 1999, currency: .eur), idempotencyKey: key)
    }

    @Test func intentsAreCreatedOncePerIdempotencyKeyAndRead() async throws {
        try await StripeStub.run { stub, url in
            let provider = Self.provider(url)
            let request = Self.intent()
            let first = try await provider.createIntent(request)
            #expect(try await provider.createIntent(request) == first)
            #expect(try await provider.createIntent(Self.intent(key: "wharf-order-2")) != first)
            #expect(stub.intent(first)?.amount == 1999 && stub.intent(first)?.currency == "eur")
            #expect(try await provider.report(reference: first) == .pending)
            stub.setStatus(first, "succeeded")
            #expect(try await provider.report(reference: first) == .succeeded(Money(amount: 1999, currency: .eur)))
            stub.setStatus(first, "requires_payment_method", lastError: "Your card was declined.")
            #expect(try await provider.report(reference: first) == .failed(reason: "Your card was declined."))
            try await provider.cancelIntent(reference: first)
            #expect(stub.intent(first)?.status == "canceled")
            try await provider.refund(reference: first, amount: Money(amount: 1999, currency: .eur), idempotencyKey: "wharf-refund-1")
            #expect(stub.refunds == ["wharf-refund-1": first])
        }
    }

    @Test func networkErrorsAndServerErrorsAreRetriedWithBackoff() async throws {
        try await StripeStub.run { stub, url in
            stub.failNext(503, 500)
            let reference = try await Self.provider(url).createIntent(Self.intent())
            #expect(stub.requests == Array(repeating: "POST /v1/payment_intents", count: 3))
            #expect(stub.intent(reference) != nil)

            stub.failNext(502, 503, 500)
            await #expect(throws: PaymentProviderUnavailable.self) { try await Self.provider(url).report(reference: reference) }
            #expect(stub.requests.count == 6)
        }
        // Nothing listens on port 1: every attempt fails to connect.
        let unreachable = Self.provider(URL(string: "http://127.0.0.1:1")!)
        await #expect(throws: PaymentProviderUnavailable.self) { try await unreachable.createIntent(Self.intent()) }
    }

    @Test func clientErrorsAreNeverRetried() async throws {
        try await StripeStub.run { stub, url in
            stub.failNext(400)
            let refusal = await #expect(throws: PaymentProviderRefusal.self) { try await Self.provider(url).createIntent(Self.intent()) }
            #expect(refusal?.status == 400)
            #expect(stub.requests.count == 1)
            let wrongKey = StripePaymentProvider(client: StripeClient(baseURL: url, apiKey: "sk_wrong", initialBackoff: .milliseconds(1)))
            await #expect(throws: PaymentProviderRefusal.self) { try await wrongKey.createIntent(Self.intent()) }
            #expect(stub.requests.count == 2)
            await #expect(throws: PaymentProviderRefusal.self) { try await Self.provider(url).report(reference: "pi_../../v1/refunds") }
            #expect(stub.requests.count == 2, "an id that is not an intent id never reaches the provider")
        }
    }
}
