import Foundation
import Kernel
import TestSupport
import UsersApplication
import UsersDomain

struct InMemoryUserRepository: UserRepository {
    let box: Locked<UsersState>

    func user(id: UUID) async throws -> User? { box.with { $0.users[id] } }
    func user(email: String) async throws -> User? { box.with { $0.users.values.first { $0.email.value == email } } }

    func insert(_ user: User) async throws {
        try box.with { state in
            if state.users.values.contains(where: { $0.email == user.email }) {
                throw DomainError(.conflict, code: "email_taken", message: "a user with this email exists")
            }
            state.users[user.id] = user
        }
    }

    func update(_ user: User) async throws { box.with { $0.users[user.id] = user } }

    /// One process in memory: the service's own cache invalidation is all there is.
    func announceAccessChange(userID: UUID) async throws {}

    func list(_ filter: UserFilter, page: PageRequest) async throws -> [User] {
        let all = box.with { Array($0.users.values) }
        let matching = all.filter { user in
            (filter.text.map { user.email.value.localizedCaseInsensitiveContains($0) || user.name.value.localizedCaseInsensitiveContains($0) } ?? true)
                && (filter.role.map { user.roles.contains($0) } ?? true)
                && (filter.status.map { user.status == $0 } ?? true)
        }.sorted { ($0.email.value, $0.id.lowercased) < ($1.email.value, $1.id.lowercased) }
        let after = matching.filter { user in
            guard let position = page.after?.values, position.count == 2 else { return true }
            return (user.email.value, user.id.lowercased) > (position[0], position[1])
        }
        return Array(after.prefix(page.limit + 1))
    }

    func lockAdminChangesAndCountActiveAdmins() async throws -> Int {
        box.with { $0.users.values.filter(\.isActiveAdmin).count }
    }
}

struct InMemoryRefreshTokens: RefreshTokenRepository {
    let box: Locked<UsersState>

    func insert(_ token: RefreshToken) async throws { box.with { $0.tokens[token.id] = token } }
    func tokenForUpdate(hash: [UInt8]) async throws -> RefreshToken? { box.with { $0.tokens.values.first { $0.tokenHash == hash } } }
    func markSpent(id: UUID, at date: Date) async throws { box.with { $0.tokens[id]?.spentAt = date } }

    func revokeFamily(_ familyID: UUID, at date: Date) async throws {
        box.with { state in
            for (id, token) in state.tokens where token.familyID == familyID && token.revokedAt == nil { state.tokens[id]?.revokedAt = date }
        }
    }

    func revokeAll(userID: UUID, at date: Date) async throws {
        box.with { state in
            for (id, token) in state.tokens where token.userID == userID && token.revokedAt == nil { state.tokens[id]?.revokedAt = date }
        }
    }

    func purge(endedBefore cutoff: Date, batchSize: Int) async throws -> Int {
        box.with { state in
            let ended = state.tokens.filter { $0.value.expiresAt < cutoff || ($0.value.revokedAt.map { $0 < cutoff } ?? false) }
            for id in ended.keys { state.tokens[id] = nil }
            return ended.count
        }
    }
}

struct InMemoryLoginAttempts: LoginAttemptRepository {
    let box: Locked<UsersState>

    // Transactions of the in-memory store run one at a time: reading holds the email's "lock" already.
    func lockFailures(email: String, since: Date) async throws -> [LoginFailure] {
        box.with { ($0.failures[email] ?? []).map(\.failure).filter { $0.at >= since } }
    }

    func recordFailure(email: String, _ failure: LoginFailure, attempt: UUID) async throws {
        box.with { $0.failures[email, default: []].append((attempt, failure)) }
    }

    func withdrawFailure(attempt: UUID) async throws {
        box.with { state in
            for email in state.failures.keys { state.failures[email]?.removeAll { $0.attempt == attempt } }
        }
    }

    func clearFailures(email: String, clientAddress: String) async throws {
        box.with { $0.failures[email]?.removeAll { $0.failure.clientAddress == clientAddress } }
    }

    func purgeFailures(before cutoff: Date, batchSize: Int) async throws -> Int {
        box.with { state in
            var purged = 0
            for email in state.failures.keys {
                let before = state.failures[email]?.count ?? 0
                state.failures[email]?.removeAll { $0.failure.at < cutoff }
                purged += before - (state.failures[email]?.count ?? 0)
            }
            return purged
        }
    }
}
