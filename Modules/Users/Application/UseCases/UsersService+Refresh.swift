import EventBus
import Foundation
import Kernel
import Logging
public import UsersContracts
import UsersDomain

extension UsersService {
    private enum RefreshOutcome: Sendable {
        case exchanged(userID: UUID, newToken: String)
        case reused
        case invalid
        case disabled
    }

    /// Spends `refreshToken` for a new pair. The token row is locked, so of two concurrent refreshes one
    /// exchanges it and the other finds it spent: a reuse, which revokes the whole family.
    public func refresh(_ refreshToken: String) async throws -> TokenPairDTO {
        let hash = refreshSecrets.hash(refreshToken)
        let now = clock.now()
        let next = refreshSecrets.generate()
        let nextHash = refreshSecrets.hash(next)
        // The outcome is returned, not thrown, so that a family revoked for reuse stays revoked (commit).
        let outcome: RefreshOutcome = try await store.transaction { tx in
            guard let token = try await tx.refreshTokens.tokenForUpdate(hash: hash) else { return .invalid }
            switch token.presented(at: now) {
            case .invalid: return .invalid
            case .reuse:
                try await tx.refreshTokens.revokeFamily(token.familyID, at: now)
                return .reused
            case .exchange:
                guard let user = try await tx.users.user(id: token.userID), user.status == .active else { return .disabled }
                try await tx.refreshTokens.markSpent(id: token.id, at: now)
                try await tx.refreshTokens.insert(RefreshToken(
                    id: self.ids.next(), familyID: token.familyID, userID: token.userID, tokenHash: nextHash,
                    issuedAt: now, expiresAt: now.addingTimeInterval(self.refreshTokenLifetime)))
                return .exchanged(userID: user.id, newToken: next)
            }
        }
        switch outcome {
        case .invalid: throw UsersErrors.invalidRefreshToken
        case .reused:
            logger.warning("refresh token reused; login revoked")
            throw UsersErrors.refreshTokenReused
        case .disabled: throw UsersErrors.accountDisabled
        case .exchanged(let userID, let newToken):
            let access = try accessTokens.issue(for: userID)
            return TokenPairDTO(accessToken: access.token, refreshToken: newToken, expiresIn: access.expiresIn)
        }
    }

    /// Revokes the login `refreshToken` belongs to. Unknown tokens are ignored: logout always succeeds.
    public func logOut(_ refreshToken: String) async throws {
        let hash = refreshSecrets.hash(refreshToken)
        let now = clock.now()
        try await store.transaction { tx in
            if let token = try await tx.refreshTokens.tokenForUpdate(hash: hash) {
                try await tx.refreshTokens.revokeFamily(token.familyID, at: now)
            }
        }
    }
}
