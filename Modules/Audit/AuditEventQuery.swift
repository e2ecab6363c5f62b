/// `GET /v1/audit-events?actorId=&targetType=&targetId=&action=&limit=&cursor=`: the raw filters, validated by
/// `AuditLogService` (`422` with a stable code for a bad one).
public struct AuditEventQuery: Sendable, Equatable {
    public var actorId: String?
    public var targetType: String?
    public var targetId: String?
    public var action: String?
    public var limit: Int
    public var cursor: String?

    public init(actorId: String? = nil, targetType: String? = nil, targetId: String? = nil, action: String? = nil,
                limit: Int = 20, cursor: String? = nil) {
        self.actorId = actorId
        self.targetType = targetType
        self.targetId = targetId
        self.action = action
        self.limit = limit
        self.cursor = cursor
    }
}
