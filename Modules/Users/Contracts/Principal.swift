public import Foundation
public import Kernel

/// The authenticated caller, with its roles as they are now (not as the token was issued).
public struct Principal: Sendable, Equatable {
    /// A role name the other contexts may check: the shared kernel's, so a `Caller` carries the same roles.
    public typealias Role = Caller.Role

    public let userID: UUID
    public let roles: Set<Role>

    public init(userID: UUID, roles: Set<Role>) {
        self.userID = userID
        self.roles = roles
    }

    /// Admins may do everything staff may.
    public var isStaff: Bool { roles.contains(.staff) || roles.contains(.admin) }
    public var isAdmin: Bool { roles.contains(.admin) }
}
