public import Foundation
public import Kernel

/// A user registered (or was created by an admin).
public struct UserRegistered: IntegrationEvent, Equatable {
    public static let name = "users.user_registered.v1"
    public var userId: UUID
    public var email: String
    public var roles: [String]
    public init(userId: UUID, email: String, roles: [String]) {
        self.userId = userId
        self.email = email
        self.roles = roles
    }
}

/// A user's roles changed.
public struct UserRolesChanged: IntegrationEvent, Equatable {
    public static let name = "users.user_roles_changed.v1"
    public var userId: UUID
    public var previousRoles: [String]
    public var roles: [String]
    public init(userId: UUID, previousRoles: [String], roles: [String]) {
        self.userId = userId
        self.previousRoles = previousRoles
        self.roles = roles
    }
}

/// A user was disabled: its tokens no longer work.
public struct UserDisabled: IntegrationEvent, Equatable {
    public static let name = "users.user_disabled.v1"
    public var userId: UUID
    public init(userId: UUID) { self.userId = userId }
}

/// A disabled user was enabled again.
public struct UserEnabled: IntegrationEvent, Equatable {
    public static let name = "users.user_enabled.v1"
    public var userId: UUID
    public init(userId: UUID) { self.userId = userId }
}
