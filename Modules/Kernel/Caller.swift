public import Foundation

/// Who is asking: a signed-in user and its roles as they are now. App builds one per request from the
/// authenticated principal; each context decides from it what the caller may see and do (customers their own
/// orders and payments, staff and admins all of them), and the user id is the actor it records.
public struct Caller: Sendable, Equatable {
    /// A role a context may check; what each one allows is that context's rule.
    public enum Role: String, Sendable, Hashable {
        case admin, staff, customer
    }

    public let userId: UUID
    public let roles: Set<Role>

    public init(userId: UUID, roles: Set<Role>) {
        self.userId = userId
        self.roles = roles
    }

    /// Staff or admin: admins may do everything staff may.
    public var isStaff: Bool { roles.contains(.staff) || roles.contains(.admin) }
    /// An admin.
    public var isAdmin: Bool { roles.contains(.admin) }
}
