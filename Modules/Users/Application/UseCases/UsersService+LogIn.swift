import EventBus
import Foundation
import Kernel
public import UsersContracts
import UsersDomain

extension UsersService {
    /// Checks email and password (throttled per email and per client address, ADR 14), then opens a login: a new
    /// refresh-token family. Unknown email and wrong password take the same path and time and give the same answer.
    public func logIn(_ command: LogIn, from clientAddress: String) async throws -> TokenPairDTO {
        let email = EmailAddress.normalize(command.email)
        let now = clock.now()
        let attempt = ids.next()
        let onFailure = try await reserveAttempt(attempt, email: email, from: clientAddress, at: now)
        let checked: (user: User, check: PasswordCheck)?
        do {
            checked = try await checkPassword(command.password, of: email)
        } catch {
            // Not a wrong password (the hashers are busy, the database is down): the attempt does not count.
            try? await store.loginAttempts.withdrawFailure(attempt: attempt)
            throw error
        }
        // A wrong password or an unknown email: the reservation stays as the failure.
        guard let checked, checked.check.matches else { throw Self.error(onFailure) }
        guard checked.user.status == .active else {
            try? await store.loginAttempts.withdrawFailure(attempt: attempt)
            throw UsersErrors.accountDisabled
        }
        return try await openLogin(checked.user, check: checked.check, password: command.password, from: clientAddress, at: now)
    }

    /// Records the attempt as a failure before any hashing, under the email's lock, so that simultaneous attempts
    /// count each other: of N at once, at most `maxFailures` are answered `401`. Throws `429` when refused outright.
    private func reserveAttempt(_ attempt: UUID, email: String, from clientAddress: String,
                                at now: Date) async throws -> LoginVerdict.FailureAnswer {
        let throttle = self.throttle
        let verdict = try await store.transaction { tx in
            let failures = try await tx.loginAttempts.lockFailures(email: email, since: now.addingTimeInterval(-throttle.window))
            let verdict = throttle.verdict(for: clientAddress, failures: failures, now: now)
            if case .check = verdict {
                try await tx.loginAttempts.recordFailure(email: email, LoginFailure(at: now, clientAddress: clientAddress),
                                                         attempt: attempt)
            }
            return verdict
        }
        switch verdict {
        case .refused(let retryAfter): throw UsersErrors.tooManyAttempts(retryAfter: retryAfter)
        case .check(let onFailure): return onFailure
        }
    }

    /// The user and how its password compares, or nil for an unknown email (after spending the same work).
    private func checkPassword(_ password: String, of email: String) async throws -> (user: User, check: PasswordCheck)? {
        guard let user = try await store.users.user(email: email) else {
            try await passwords.verifyNothing(password)
            return nil
        }
        return (user, try await passwords.verify(password, against: user.passwordHash))
    }

    private static func error(_ answer: LoginVerdict.FailureAnswer) -> DomainError {
        switch answer {
        case .invalidCredentials: return UsersErrors.invalidCredentials
        case .tooManyAttempts(let retryAfter): return UsersErrors.tooManyAttempts(retryAfter: retryAfter)
        }
    }

    /// The right password: clears this address's failures for the email (the reservation among them; strangers'
    /// failures stay), upgrades a weak hash, and issues the token pair.
    private func openLogin(_ user: User, check: PasswordCheck, password: String, from clientAddress: String,
                           at now: Date) async throws -> TokenPairDTO {
        let upgradedHash = check.needsRehash ? try await passwords.hash(password) : nil
        let refresh = refreshSecrets.generate()
        let token = RefreshToken(id: ids.next(), familyID: ids.next(), userID: user.id, tokenHash: refreshSecrets.hash(refresh),
                                 issuedAt: now, expiresAt: now.addingTimeInterval(refreshTokenLifetime))
        try await store.transaction { tx in
            if let upgradedHash {
                var upgraded = user
                upgraded.setPasswordHash(upgradedHash, at: now)
                try await tx.users.update(upgraded)
            }
            try await tx.loginAttempts.clearFailures(email: user.email.value, clientAddress: clientAddress)
            try await tx.refreshTokens.insert(token)
        }
        let access = try accessTokens.issue(for: user.id)
        return TokenPairDTO(accessToken: access.token, refreshToken: refresh, expiresIn: access.expiresIn)
    }
}
