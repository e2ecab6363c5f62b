public import Kernel

/// The `Idempotency-Key` a client sends with `POST /v1/orders`: 1…255 visible ASCII characters (spaces inside
/// allowed), compared exactly. Keys are scoped to the user who sent them, so two users' keys never collide.
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
}
