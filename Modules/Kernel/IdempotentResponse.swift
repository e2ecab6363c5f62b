public import Foundation

/// The answer to a creating request that takes an `Idempotency-Key`: what it created and the exact bytes of its
/// `201` body, first sent or replayed.
public struct IdempotentResponse: Sendable, Equatable {
    /// What this request created, or what the earlier request it replays created.
    public var resourceId: UUID
    /// The `201` body, byte for byte what the first request was answered.
    public var body: [UInt8]
    /// True when this is the stored answer to an earlier request with the same key and body.
    public var replayed: Bool

    /// An answer for `resourceId` with `body`, `replayed` when it is a stored one.
    public init(resourceId: UUID, body: [UInt8], replayed: Bool) {
        self.resourceId = resourceId
        self.body = body
        self.replayed = replayed
    }
}
