import Crypto
import Kernel
import PaymentsApplication
import PaymentsDomain

/// The default provider: no network, no state. An intent id is derived from the idempotency key (`pi_` and 24 hex
/// digits), so a retried creation returns the same intent; refunds succeed at once. Outcomes come only from webhooks
/// (`wharf simulate-payment`); asked about an intent, it knows nothing final.
struct SandboxPaymentProvider: PaymentProvider {
    let name = "sandbox"

    func createIntent(_ intent: IntentRequest) async throws -> String {
        "pi_" + Hex.encode(SHA256.digest(Array("sandbox-intent:\(intent.idempotencyKey)".utf8)).prefix(12))
    }

    func report(reference: String) async throws -> ProviderReport { .pending }

    func cancelIntent(reference: String) async throws {}

    /// A sandbox refund is done at once.
    @discardableResult
    func refund(reference: String, amount: Money, idempotencyKey: String) async throws -> RefundStatus { .succeeded }
}
