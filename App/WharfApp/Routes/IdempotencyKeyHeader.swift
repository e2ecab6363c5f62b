import HTTPServer
import Kernel

/// The `Idempotency-Key` header of a creating route (`POST /v1/orders`, `POST /v1/payments/{id}/refunds`), read
/// once for all of them: at most one header, handed to the context with a digest of the exact body bytes, which
/// validates the key and keeps the records (docs/adr/0011).
enum IdempotencyKeyHeader {
    static let sentTwice = ProblemDetails(status: .badRequest, code: "invalid_idempotency_key",
                                          detail: "send at most one Idempotency-Key header")

    /// The request's key and body digest, nil without the header; `400 invalid_idempotency_key` when sent twice.
    static func read(_ request: HTTPRequest, digest: ([UInt8]) -> [UInt8]) throws -> IdempotentRequest? {
        let keys = request.headers.values("Idempotency-Key")
        guard keys.count <= 1 else { throw sentTwice }
        return keys.first.map { IdempotentRequest(key: $0, bodyDigest: digest(request.body)) }
    }

    /// The headers of a `201` answered for an idempotent request: `Location`, and `Idempotent-Replayed: true` on a
    /// replay.
    static func createdHeaders(location: String, replayed: Bool) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Location": location]
        if replayed { headers.set("Idempotent-Replayed", "true") }
        return headers
    }
}
