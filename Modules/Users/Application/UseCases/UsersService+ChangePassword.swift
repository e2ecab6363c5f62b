import EventBus
import Kernel
public import UsersContracts
import UsersDomain

extension UsersService {
    /// Checks the current password, stores the new one's hash and revokes every refresh token of the user.
    public func changePassword(_ principal: Principal, _ command: ChangePassword) async throws {
        guard let user = try await store.users.user(id: principal.userID) else { throw UsersErrors.unauthorized }
        guard try await passwords.verify(command.currentPassword, against: user.passwordHash).matches else {
            throw UsersErrors.invalidCredentials
        }
        try PasswordPolicy.check(command.newPassword, field: "newPassword")
        let hash = try await passwords.hash(command.newPassword)
        let now = clock.now()
        try await store.transaction { tx in
            guard var current = try await tx.users.user(id: user.id) else { throw UsersErrors.unauthorized }
            current.setPasswordHash(hash, at: now)
            try await tx.users.update(current)
            try await tx.refreshTokens.revokeAll(userID: user.id, at: now)
        }
    }
}
