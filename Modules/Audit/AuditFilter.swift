public import Foundation

/// The audit log's filters, validated: each one present narrows the listing.
public struct AuditFilter: Sendable, Equatable {
    public var actorId: UUID?
    public var targetType: String?
    public var targetId: String?
    public var action: String?

    public init(actorId: UUID? = nil, targetType: String? = nil, targetId: String? = nil, action: String? = nil) {
        self.actorId = actorId
        self.targetType = targetType
        self.targetId = targetId
        self.action = action
    }
}
