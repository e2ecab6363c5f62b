public import Foundation
public import Kernel

/// A person who can sign in: the aggregate of the Users context. Never serialised with its password hash.
public struct User: Sendable, Equatable {
    public let id: UUID
    public private(set) var email: EmailAddress
    public private(set) var name: PersonName
    public private(set) var roles: RoleSet
    public private(set) var status: UserStatus
    /// PHC string (`$scrypt$ln=17,r=8,p=1$…`); only the Users context ever sees it.
    public private(set) var passwordHash: String
    public let createdAt: Date
    public private(set) var updatedAt: Date

    public init(id: UUID, email: EmailAddress, name: PersonName, roles: RoleSet, status: UserStatus,
                passwordHash: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.roles = roles
        self.status = status
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether this user is an active admin (the last of them may not be removed).
    public var isActiveAdmin: Bool { status == .active && roles.contains(.admin) }

    /// Applies an admin's change to this user and says what changed.
    /// An admin may not take its own `admin` role away nor disable itself (`409 cannot_change_self`).
    public mutating func apply(_ change: UserChange, by actor: UUID, at now: Date) throws(DomainError) -> [UserChanged] {
        if actor == id {
            if let roles = change.roles, self.roles.contains(.admin), !roles.contains(.admin) {
                throw DomainError(.conflict, code: "cannot_change_self", message: "an admin cannot remove its own admin role")
            }
            if change.status == .disabled {
                throw DomainError(.conflict, code: "cannot_change_self", message: "an admin cannot disable itself")
            }
        }
        var changes: [UserChanged] = []
        if let name = change.name, name != self.name {
            self.name = name
            changes.append(.renamed)
        }
        if let roles = change.roles, roles != self.roles {
            changes.append(.rolesChanged(from: self.roles, to: roles))
            self.roles = roles
        }
        if let status = change.status, status != self.status {
            self.status = status
            changes.append(status == .disabled ? .disabled : .enabled)
        }
        if !changes.isEmpty { updatedAt = now }
        return changes
    }

    /// Stores a new password hash (a changed password, or an upgraded hash of the same password).
    public mutating func setPasswordHash(_ hash: String, at now: Date) {
        passwordHash = hash
        updatedAt = now
    }
}

/// What an admin may change on a user (`PATCH /v1/users/{id}`); nil leaves a field as it is.
public struct UserChange: Sendable, Equatable {
    public var name: PersonName?
    public var roles: RoleSet?
    public var status: UserStatus?

    public init(name: PersonName? = nil, roles: RoleSet? = nil, status: UserStatus? = nil) {
        self.name = name
        self.roles = roles
        self.status = status
    }
}

/// What a change did, recorded by the aggregate so the application can publish the matching events.
public enum UserChanged: Sendable, Equatable {
    case renamed
    case rolesChanged(from: RoleSet, to: RoleSet)
    case disabled
    case enabled
}
