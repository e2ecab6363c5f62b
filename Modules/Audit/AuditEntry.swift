public import Foundation
public import Kernel

/// One change someone made, as the audit log keeps it (`GET /v1/audit-events`): who, what, to which resource,
/// from which request, and each changed member's value before and after. Written by the use case that makes the
/// change, through `AuditTrail`, in the change's own transaction (docs/adr/0018).
public struct AuditEntry: Sendable, Equatable {
    public let id: UUID
    public let at: Date
    public let actor: AuditActor
    /// `user.created`, `refund.created`, … (`AuditAction`).
    public let action: String
    public let target: AuditTarget
    /// The `X-Request-Id` of the request that made the change; nil for the shop's own jobs and reactions.
    public let requestId: String?
    /// Each changed member with its value before (`null` for a created resource) and after. Never a password or hash.
    public let changes: [String: AuditChange]

    public init(id: UUID, at: Date, actor: AuditActor, action: String, target: AuditTarget, requestId: String?,
                changes: [String: AuditChange]) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.requestId = requestId
        self.changes = changes
    }

    /// An entry for a change `caller` asked for (the user and its request), or the shop's own (`system`) without one.
    public init(_ action: String, target: AuditTarget, by caller: Caller?, at: Date, changes: [String: AuditChange]) {
        var random = SystemRandomNumberGenerator()
        self.init(id: .v7(at: at, using: &random), at: at, actor: caller.map { .user($0.userId) } ?? .system, action: action,
                  target: target, requestId: caller?.requestId, changes: changes)
    }
}

extension AuditEntry: Encodable {
    enum CodingKeys: String, CodingKey { case id, at, actor, action, target, requestId, changes }

    /// The contract's shape; `requestId` is `null` rather than absent when there was no request.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(at, forKey: .at)
        try container.encode(actor, forKey: .actor)
        try container.encode(action, forKey: .action)
        try container.encode(target, forKey: .target)
        try container.encode(requestId, forKey: .requestId)
        try container.encode(changes, forKey: .changes)
    }
}
