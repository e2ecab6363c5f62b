/// The resource a change was made to: `{"type","id"}`, the id as the API names it (a batch's `reference`).
public struct AuditTarget: Sendable, Equatable, Codable {
    /// One of `AuditTarget.types`.
    public let type: String
    public let id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }

    /// The target types the contract names.
    public static let types: Set<String> = ["user", "product", "batch", "order", "shipment", "refund"]
}
