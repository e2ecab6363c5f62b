import Crypto
import Foundation
import Kernel
import PaymentsContracts

/// STAND-IN, to be replaced by the Payments module's facade when it lands (issue "Payments"): Orders needs a
/// `PaymentRequests` to move an allocated order to `awaiting_payment`. This one creates nothing; it answers a
/// stable payment id per order (derived from the order id, like the real one's idempotency), so the flow and its
/// tests run end to end until Payments is wired in `Container`.
struct SandboxPaymentRequestsStandIn: PaymentRequests {
    func requestPayment(_ request: RequestPayment) async throws -> UUID {
        Self.paymentId(for: request.orderId)
    }

    /// A version-8 UUID from SHA-256 of the order id: the same order always gets the same payment id.
    static func paymentId(for orderId: UUID) -> UUID {
        var bytes = SHA256.digest(Array("wharf-sandbox-payment:\(orderId.lowercased)".utf8))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
