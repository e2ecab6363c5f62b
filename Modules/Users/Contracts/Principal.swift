public import Foundation
public import Kernel

/// The authenticated caller, with its roles as they are now (not as the token was issued).
public struct Principal: Sendable, Equatable {
    /// A role name the other contexts may check: the shared kernel's, so a `Caller` carries the same roles.
    public typealias Role = Caller.Role

    public let userID: UUID
    public let roles: Set<Role>
    /// The `X-Request-Id` of the request being served (set per request by App, never cached), recorded with what
    /// the request changes.
    public var requestId: String?

    public init(userID: UUID, roles: Set<Role>, requestId: String? = nil) {
        self.userID = userID
        self.roles = roles
        self.requestId = requestId
    }

    /// Who is asking, as the other contexts take it: the same user id, roles and request.
    public var caller: Caller { Caller(userId: userID, roles: roles, requestId: requestId) }

    /// Staff or admin: admins may do everything staff may (the rule is `Caller`'s, written once).
    public var isStaff: Bool { caller.isStaff }
    /// An admin.
    public var isAdmin: Bool { caller.isAdmin }
}
