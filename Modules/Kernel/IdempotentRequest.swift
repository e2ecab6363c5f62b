/// The `Idempotency-Key` of a request as the route saw it: the raw header value and a digest of the exact
/// request body bytes (a replay needs the same key and the same bytes).
public struct IdempotentRequest: Sendable, Equatable {
    public var key: String
    public var bodyDigest: [UInt8]

    public init(key: String, bodyDigest: [UInt8]) {
        self.key = key
        self.bodyDigest = bodyDigest
    }
}
