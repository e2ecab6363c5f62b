import EventBus
import Foundation
import Postgres
import TestSupport
import Testing
import UsersApplication
import UsersDomain
@testable import UsersInfrastructure

@Suite("Users purges on PostgreSQL")
struct PostgresUsersPurgeTests {
    static let now = PostgresUsersStoreTests.now

    @Test func refreshTokensThatEndedBeforeTheCutoffAreDeletedInBatches() async throws {
        try await PostgresUsersStoreTests.withStore { store, db in
            let user = try PostgresUsersStoreTests.user("a@example.com")
            try await store.users.insert(user)
            var next: UInt8 = 0
            func token(expiresIn expiry: TimeInterval, revokedAgo revoked: TimeInterval? = nil) async throws -> UUID {
                next += 1
                let token = RefreshToken(id: UUID(), familyID: UUID(), userID: user.id, tokenHash: Array(repeating: next, count: 32),
                                         issuedAt: Self.now.addingTimeInterval(-86_400 * 10), expiresAt: Self.now.addingTimeInterval(expiry),
                                         revokedAt: revoked.map { Self.now.addingTimeInterval(-$0) })
                try await store.refreshTokens.insert(token)
                return token.id
            }
            var ended: Set<UUID> = []
            for days in 1...3 { ended.insert(try await token(expiresIn: -86_400 * Double(days))) }
            ended.insert(try await token(expiresIn: 86_400, revokedAgo: 2 * 86_400))
            ended.insert(try await token(expiresIn: 86_400, revokedAgo: 1))
            let kept: Set<UUID> = [try await token(expiresIn: 60), try await token(expiresIn: 86_400, revokedAgo: -1),
                                   try await token(expiresIn: 1)]
            // Five rows before the cutoff, two per statement: three statements, the last one short.
            #expect(try await store.refreshTokens.purge(endedBefore: Self.now, batchSize: 2) == 5)
            let left = try await db.pool.query("SELECT id FROM users.refresh_tokens", []).map { try $0.decode(UUID.self, at: 0) }
            #expect(Set(left) == kept)
            #expect(ended.isDisjoint(with: left))
            #expect(try await store.refreshTokens.purge(endedBefore: Self.now, batchSize: 2) == 0)
        }
    }

    @Test func loginFailuresBeforeTheCutoffAreDeletedInBatches() async throws {
        try await PostgresUsersStoreTests.withStore { store, db in
            let cutoff = Self.now.addingTimeInterval(-15 * 60)
            for (index, age) in [16.0, 20, 30, 60, 120].enumerated() {
                try await store.loginAttempts.recordFailure(
                    email: "old\(index % 2)@example.com", LoginFailure(at: Self.now.addingTimeInterval(-age * 60), clientAddress: "192.0.2.1"),
                    attempt: UUID())
            }
            for age in [0.0, 5, 14] {
                try await store.loginAttempts.recordFailure(
                    email: "old0@example.com", LoginFailure(at: Self.now.addingTimeInterval(-age * 60), clientAddress: nil), attempt: UUID())
            }
            #expect(try await store.loginAttempts.purgeFailures(before: cutoff, batchSize: 2) == 5)
            let left = try await db.pool.query("SELECT failed_at FROM users.login_failures", []).map { try $0.decode(Date.self, at: 0) }
            #expect(left.count == 3)
            #expect(left.allSatisfy { $0 >= cutoff })
            #expect(try await store.loginAttempts.purgeFailures(before: cutoff, batchSize: 2) == 0)
        }
    }
}
