import EventBus
import Foundation
import Kernel
public import UsersContracts
import UsersDomain

extension UsersService {
    /// Checks email and password (throttled per email), then opens a login: a new refresh-token family.
    /// Unknown email and wrong password take the same path and time and give the same answer.
    public func logIn(_ command: LogIn) async throws -> TokenPairDTO {
        let email = EmailAddress.normalize(command.email)
        let now = clock.now()
        let failures = try await store.loginAttempts.failures(email: email, since: now.addingTimeInterval(-throttle.window))
        if case .locked(let retryAfter) = throttle.decide(failures: failures, now: now) {
            throw UsersErrors.tooManyAttempts(retryAfter: retryAfter)
        }
        guard let user = try await store.users.user(email: email) else {
            try await passwords.verifyNothing(command.password)
            try await store.loginAttempts.recordFailure(email: email, at: now)
            throw UsersErrors.invalidCredentials
        }
        let check = try await passwords.verify(command.password, against: user.passwordHash)
        guard check.matches else {
            try await store.loginAttempts.recordFailure(email: email, at: now)
            throw UsersErrors.invalidCredentials
        }
        guard user.status == .active else { throw UsersErrors.accountDisabled }
        let upgradedHash = check.needsRehash ? try await passwords.hash(command.password) : nil
        let refresh = refreshSecrets.generate()
        let token = RefreshToken(id: ids.next(), familyID: ids.next(), userID: user.id, tokenHash: refreshSecrets.hash(refresh),
                                 issuedAt: now, expiresAt: now.addingTimeInterval(refreshTokenLifetime))
        try await store.transaction { tx in
            if let upgradedHash {
                var upgraded = user
                upgraded.setPasswordHash(upgradedHash, at: now)
                try await tx.users.update(upgraded)
            }
            try await tx.loginAttempts.clearFailures(email: email)
            try await tx.refreshTokens.insert(token)
        }
        let access = try accessTokens.issue(for: user.id)
        return TokenPairDTO(accessToken: access.token, refreshToken: refresh, expiresIn: access.expiresIn)
    }
}
