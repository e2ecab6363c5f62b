public import Foundation

/// Who made a change: a user (through a request), the shop itself (a job or a reaction to an event) or the payment
/// provider (a webhook). `{"type","id"}`, `id` null unless a user.
public struct AuditActor: Sendable, Equatable, Codable {
    /// `user`, `system` or `provider`.
    public let type: String
    public let id: UUID?

    public init(type: String, id: UUID?) {
        self.type = type
        self.id = id
    }

    public static func user(_ id: UUID) -> AuditActor { AuditActor(type: "user", id: id) }
    public static let system = AuditActor(type: "system", id: nil)
    public static let provider = AuditActor(type: "provider", id: nil)

    enum CodingKeys: String, CodingKey { case type, id }

    /// `id` is written as `null` when there is none, as the contract shows.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(id, forKey: .id)
    }
}
