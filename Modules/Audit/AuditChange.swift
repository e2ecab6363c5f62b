/// One changed member: its value before (`null` when the resource was created) and after.
public struct AuditChange: Sendable, Equatable, Codable {
    public let from: AuditValue
    public let to: AuditValue

    public init(from: AuditValue, to: AuditValue) {
        self.from = from
        self.to = to
    }

    /// A member of a created resource.
    public static func created(_ value: AuditValue) -> AuditChange { AuditChange(from: .null, to: value) }
}

extension Dictionary where Key == String, Value == AuditChange {
    /// Adds `name` only when `from` and `to` differ, so `changes` names exactly what changed.
    public mutating func note(_ name: String, from: AuditValue, to: AuditValue) {
        if from != to { self[name] = AuditChange(from: from, to: to) }
    }
}
