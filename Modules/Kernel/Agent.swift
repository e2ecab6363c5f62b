public import Foundation

/// Who made a change (the contract's `actor`): a signed-in user (its id), the shop itself (its jobs and its
/// reactions to events), or the payment provider (a webhook). A use case gets it from the request's `Caller`, passed
/// down explicitly, never from a global.
public struct Agent: Sendable, Hashable, Codable {
    /// The kinds of actor the contract names.
    public enum Kind: String, Sendable, Hashable, Codable {
        case user, system, provider
    }

    /// `user`, `system` or `provider`.
    public let type: Kind
    /// The user's id; nil for `system` and `provider`.
    public let id: UUID?

    /// An actor of `type` with `id` (only a user has one).
    public init(type: Kind, id: UUID?) {
        self.type = type
        self.id = type == .user ? id : nil
    }

    /// The signed-in user `id`.
    public static func user(_ id: UUID) -> Agent { Agent(type: .user, id: id) }
    /// The shop's own jobs and reactions.
    public static let system = Agent(type: .system, id: nil)
    /// The payment provider.
    public static let provider = Agent(type: .provider, id: nil)

    enum CodingKeys: String, CodingKey { case type, id }

    /// Writes `id` always, `null` when there is none (the contract's shape).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(id, forKey: .id)
    }
}

extension Caller {
    /// The caller as the actor of what it asks for.
    public var agent: Agent { .user(userId) }
}
