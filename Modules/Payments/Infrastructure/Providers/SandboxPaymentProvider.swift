import Crypto
import Kernel
import PaymentsApplication
import PaymentsContracts
import PaymentsDomain

/// The default provider: no network, no state. An intent id is derived from the idempotency key (`pi_` and 24 hex
/// digits), so a retried creation returns the same intent; refunds succeed at once. Outcomes come only from webhooks
/// (`wharf simulate-payment`); asked about an intent, it knows nothing final. Like Stripe, it refuses to create an
/// intent above `maximumAmount` (a `400`), which is how a refused payment creation is played locally and in tests.
struct SandboxPaymentProvider: PaymentProvider {
    let name = "sandbox"

    /// The largest amount it accepts, in minor units: Stripe's maximum for EUR (999,999.99).
    static let maximumAmount: Int64 = 99_999_999

    func createIntent(_ intent: IntentRequest) async throws -> String {
        guard intent.amount.amount <= Self.maximumAmount else {
            throw PaymentProviderRefusal(status: 400, detail: "amount_too_large: \(intent.amount) is more than \(Self.maximumAmount)")
        }
        return "pi_" + Hex.encode(SHA256.digest(Array("sandbox-intent:\(intent.idempotencyKey)".utf8)).prefix(12))
    }

    func report(reference: String) async throws -> ProviderReport { .pending }

    func cancelIntent(reference: String) async throws {}

    /// A sandbox refund is done at once.
    @discardableResult
    func refund(reference: String, amount: Money, idempotencyKey: String) async throws -> RefundStatus { .succeeded }
}
