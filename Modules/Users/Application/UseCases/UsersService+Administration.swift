import Audit
import EventBus
public import Foundation
public import Kernel
public import UsersContracts
import UsersDomain

extension UsersService {
    /// Admin: users by email order, filtered; keyset-paged.
    public func listUsers(_ principal: Principal, _ query: UserListQuery) async throws -> Page<UserDTO> {
        try requireAdmin(principal)
        let filter = try UserFilter(
            text: query.q.flatMap { $0.isEmpty ? nil : $0 },
            role: query.role.map { name throws(DomainError) in
                guard let role = Role(rawValue: name) else { throw .validation(field: "role", message: "must be admin, staff or customer") }
                return role
            },
            status: query.status.map { name throws(DomainError) in
                guard let status = UserStatus(rawValue: name) else { throw .validation(field: "status", message: "must be active or disabled") }
                return status
            })
        let pager = KeysetPager(cursors: cursors, scope: Self.listScope, keyCount: 2)
        let page = try pager.request(cursor: query.cursor, limit: query.limit)
        let found = try await store.users.list(filter, page: page)
        return pager.page(found, for: page) { [$0.email.value, $0.id.lowercased] }.map(UserDTO.init)
    }

    static let listScope = "users:email"

    /// Admin: creates a user with the given roles.
    public func createUser(_ principal: Principal, _ command: CreateUser) async throws -> UserDTO {
        try requireAdmin(principal)
        return try await createUser(email: command.email, password: command.password, name: command.name,
                                    roles: RoleSet(names: command.roles), by: .admin(principal.caller))
    }

    /// Admin: one user.
    public func user(_ principal: Principal, id: UUID) async throws -> UserDTO {
        try requireAdmin(principal)
        guard let user = try await store.users.user(id: id) else { throw DomainError.notFound("user") }
        return UserDTO(user)
    }

    /// Admin: applies a change. Changes that may remove an admin are serialised and checked against the
    /// last-admin rule; disabling revokes the user's refresh tokens; events announce role and status changes.
    public func updateUser(_ principal: Principal, id: UUID, _ command: UpdateUser) async throws -> UserDTO {
        try requireAdmin(principal)
        let change = try UserChange(
            name: command.name.map { name throws(DomainError) in try PersonName(name) },
            roles: command.roles.map { names throws(DomainError) in try RoleSet(names: names) },
            status: command.status.map { name throws(DomainError) in
                guard let status = UserStatus(rawValue: name) else { throw .validation(field: "status", message: "must be active or disabled") }
                return status
            })
        let now = clock.now()
        let updated: User = try await store.transaction { tx in
            let mayRemoveAdmin = change.roles != nil || change.status == .disabled
            let activeAdmins = mayRemoveAdmin ? try await tx.users.lockAdminChangesAndCountActiveAdmins() : 0
            guard var user = try await tx.users.user(id: id) else { throw DomainError.notFound("user") }
            let before = user
            let changes = try user.apply(change, by: principal.userID, at: now)
            if mayRemoveAdmin {
                try LastAdminRule.check(before: before, after: user,
                                        otherActiveAdmins: activeAdmins - (before.isActiveAdmin ? 1 : 0))
            }
            guard !changes.isEmpty else { return user }
            try await tx.users.update(user)
            try await tx.audit.record(Self.userUpdated(before: before, after: user, by: principal.caller, at: now))
            for changed in changes {
                switch changed {
                case .renamed: break
                case .rolesChanged(let from, let to):
                    try await tx.events.publish(UserRolesChanged(userId: id, previousRoles: from.names, roles: to.names))
                case .disabled:
                    try await tx.refreshTokens.revokeAll(userID: id, at: now)
                    try await tx.events.publish(UserDisabled(userId: id))
                case .enabled:
                    try await tx.events.publish(UserEnabled(userId: id))
                }
            }
            try await tx.users.announceAccessChange(userID: id)
            tx.afterCommit { self.principals.invalidate(id) }
            return user
        }
        return UserDTO(updated)
    }

    /// `user.updated`, naming each of name, roles and status that changed.
    static func userUpdated(before: User, after: User, by caller: Caller, at now: Date) -> AuditEntry {
        var changes: [String: AuditChange] = [:]
        changes.note("name", from: .text(before.name.value), to: .text(after.name.value))
        changes.note("roles", from: .texts(before.roles.names), to: .texts(after.roles.names))
        changes.note("status", from: .text(before.status.rawValue), to: .text(after.status.rawValue))
        return AuditEntry(AuditAction.userUpdated, target: AuditTarget(type: "user", id: after.id.lowercased), by: caller, at: now,
                          changes: changes)
    }

    func requireAdmin(_ principal: Principal) throws(DomainError) {
        guard principal.isAdmin else { throw UsersErrors.forbidden }
    }
}
