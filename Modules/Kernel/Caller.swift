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
    /// The `X-Request-Id` of the request that asks, recorded with what it changes (the audit log); nil when the
    /// caller is not an HTTP request.
    public let requestId: String?

    public init(userId: UUID, roles: Set<Role>, requestId: String? = nil) {
        self.userId = userId
        self.roles = roles
        self.requestId = requestId
    }

    /// Staff or admin: admins may do everything staff may.
    public var isStaff: Bool { roles.contains(.staff) || roles.contains(.admin) }
    /// An admin.
    public var isAdmin: Bool { roles.contains(.admin) }
}
