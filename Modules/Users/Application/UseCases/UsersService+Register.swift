import Audit
import EventBus
import Kernel
import Logging
public import UsersContracts
import UsersDomain

extension UsersService {
    /// Registers a customer: validated, hashed, stored and announced in one transaction.
    public func register(_ command: RegisterUser) async throws -> UserDTO {
        try await createUser(email: command.email, password: command.password, name: command.name, roles: .customer, by: .themselves)
    }

    /// Who creates a user, for the audit log: an admin (`POST /v1/users`), the user registering, or the shop itself
    /// (the bootstrap admin).
    enum Creator {
        case admin(Caller)
        case themselves
        case shop
    }

    func createUser(email: String, password: String, name: String, roles: RoleSet, by creator: Creator) async throws -> UserDTO {
        let email = try EmailAddress(email)
        let name = try PersonName(name)
        try PasswordPolicy.check(password)
        let hash = try await passwords.hash(password)
        let now = clock.now()
        let user = User(id: ids.next(), email: email, name: name, roles: roles, status: .active,
                        passwordHash: hash, createdAt: now, updatedAt: now)
        try await store.transaction { tx in
            try await tx.users.insert(user)
            try await tx.events.publish(UserRegistered(userId: user.id, email: email.value, roles: roles.names))
            let actor: Caller? = switch creator {
            case .admin(let caller): caller
            case .themselves: Caller(userId: user.id, roles: [.customer])
            case .shop: nil
            }
            try await tx.audit.record(AuditEntry(AuditAction.userCreated, target: AuditTarget(type: "user", id: user.id.lowercased),
                                                 by: actor, at: now, changes: [
                                                     "email": .created(.text(email.value)), "name": .created(.text(name.value)),
                                                     "roles": .created(.texts(roles.names)), "status": .created(.text(user.status.rawValue)),
                                                 ]))
        }
        logger.info("user registered", ["user_id": user.id.lowercased])
        return UserDTO(user)
    }

    public func ensureAdmin(email: String, password: String, name: String) async throws -> Bool {
        let normalized = EmailAddress.normalize(email)
        if try await store.users.user(email: normalized) != nil { return false }
        do {
            _ = try await createUser(email: email, password: password, name: name, roles: try RoleSet([.admin]), by: .shop)
            return true
        } catch let error as DomainError where error.code == UsersErrors.emailTaken.code {
            return false // another process bootstrapped it first
        }
    }
}
