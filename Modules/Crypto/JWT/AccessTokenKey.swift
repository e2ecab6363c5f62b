/// An HS256 signing key with the `kid` that names it.
///
/// The id is derived from the secret (first 8 bytes of a domain-separated SHA-256, as hex), so
/// rotating `JWT_SECRET` changes the `kid` with no extra configuration, and the id reveals nothing
/// usable about the secret. Keys are looked up only among the configured ones, never fetched.
public struct AccessTokenKey: Sendable {
    /// The minimum secret length in bytes: the HMAC-SHA256 output size (RFC 7518 §3.2).
    public static let minimumSecretLength = 32

    /// The `kid` header value for tokens signed with this key: 16 lower-case hex digits.
    public let id: String
    let secret: [UInt8]

    /// A key from raw secret bytes; throws when there are fewer than 32.
    public init(secret: some Collection<UInt8>) throws(AccessTokenConfigurationError) {
        let bytes = Array(secret)
        guard bytes.count >= Self.minimumSecretLength else {
            throw .secretTooShort(minimum: Self.minimumSecretLength, actual: bytes.count)
        }
        self.secret = bytes
        // The label keeps this hash from being equal to any other use of SHA-256(secret).
        id = Hex.encode(SHA256.digest(Array("wharf-jwt-kid\u{0}".utf8) + bytes).prefix(8))
    }

    /// A key from the UTF-8 bytes of `secret` (how `JWT_SECRET` is used).
    public init(secret: String) throws(AccessTokenConfigurationError) {
        try self.init(secret: Array(secret.utf8))
    }
}
