public import Foundation
public import PaymentsDomain

/// Reads a webhook delivery: verifies its signature over the raw bytes, then decodes the event. Throws
/// `400 invalid_signature` (missing, malformed, wrong or stale) before looking at the body, and
/// `400 malformed_json` for a signed body that is not an event.
public protocol ProviderWebhooks: Sendable {
    func read(payload: [UInt8], signature: String?, at now: Date) throws -> ProviderEvent
}
