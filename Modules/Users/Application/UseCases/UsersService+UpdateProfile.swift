import Audit
import EventBus
import Foundation
import Kernel
public import UsersContracts
import UsersDomain

extension UsersService {
    /// The caller renames itself: the one change users may make to their own account (roles and status are an
    /// admin's). Goes through the aggregate like an admin's change, so the same rules and `updatedAt` apply.
    public func updateProfile(_ principal: Principal, _ command: UpdateProfile) async throws -> UserDTO {
        guard let name = command.name else { throw DomainError.validation(field: "name", message: "is required") }
        let change = UserChange(name: try PersonName(name))
        let now = clock.now()
        let updated: User = try await store.transaction { tx in
            guard var user = try await tx.users.user(id: principal.userID) else { throw UsersErrors.unauthorized }
            let before = user
            let changes = try user.apply(change, by: principal.userID, at: now)
            guard !changes.isEmpty else { return user }
            try await tx.users.update(user)
            try await tx.audit.record(Self.userUpdated(before: before, after: user, by: principal.caller, at: now))
            return user
        }
        return UserDTO(updated)
    }
}
