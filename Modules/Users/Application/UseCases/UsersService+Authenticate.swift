import EventBus
public import Foundation
import Kernel
public import UsersContracts
import UsersDomain

extension UsersService {
    /// The caller behind an access token, with its current roles (cached at most `principalCacheLifetime`).
    public func authenticate(bearer token: String) async throws -> Principal {
        let userID: UUID
        do { userID = try accessTokens.verify(token) } catch { throw UsersErrors.unauthorized }
        let entry: PrincipalCache.Entry
        if let cached = principals.fresh(userID) {
            entry = cached
        } else {
            guard let user = try await store.users.user(id: userID) else { throw UsersErrors.unauthorized }
            principals.store(userID, roles: Self.principalRoles(user.roles), active: user.status == .active)
            guard let stored = principals.fresh(userID) else { throw UsersErrors.unauthorized }
            entry = stored
        }
        guard entry.active else { throw UsersErrors.accountDisabled }
        return Principal(userID: userID, roles: entry.roles)
    }

    /// Drops what this process cached about the user: another process changed the user's roles or status
    /// (`UserRepository.announceAccessChange`), so the next request reads them again.
    public func forgetPrincipal(_ userID: UUID) {
        principals.invalidate(userID)
    }

    static func principalRoles(_ roles: RoleSet) -> Set<Principal.Role> {
        Set(roles.roles.compactMap { Principal.Role(rawValue: $0.rawValue) })
    }

    /// The caller's own user.
    public func currentUser(_ principal: Principal) async throws -> UserDTO {
        guard let user = try await store.users.user(id: principal.userID) else { throw UsersErrors.unauthorized }
        return UserDTO(user)
    }
}
