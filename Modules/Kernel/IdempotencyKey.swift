/// The `Idempotency-Key` a client sends with a request that creates something (`POST /v1/orders`,
/// `POST /v1/payments/{id}/refunds`): 1…255 visible ASCII characters (spaces inside allowed), compared exactly.
/// Keys are scoped to the user who sent them, so two users' keys never collide (docs/adr/0011).
public struct IdempotencyKey: Hashable, Sendable {
    public static let length = 1...255
    /// How long a key and its response are kept and replayed.
    public static let lifetime: Double = 24 * 60 * 60

    public let value: String

    /// `400 invalid_idempotency_key` unless `raw` is 1…255 characters of printable ASCII.
    public init(_ raw: String) throws(DomainError) {
        let bytes = raw.utf8
        guard Self.length.contains(bytes.count), bytes.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else {
            throw DomainError(.malformed, code: "invalid_idempotency_key",
                              message: "the Idempotency-Key header must be 1 to 255 printable ASCII characters")
        }
        value = raw
    }

    /// `422 idempotency_key_reused`: the key was first sent with another body.
    public static let reused = DomainError(.validation, code: "idempotency_key_reused",
                                           message: "this Idempotency-Key was used with a different request body")
    /// `409 idempotency_key_in_use`: the first request with this key is still being processed.
    public static let inUse = DomainError(.conflict, code: "idempotency_key_in_use",
                                          message: "a request with this Idempotency-Key is still being processed; retry shortly")
}
