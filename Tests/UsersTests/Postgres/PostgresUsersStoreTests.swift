import EventBus
import Foundation
import Kernel
import Logging
import Outbox
import Postgres
import TestSupport
import Testing
import UsersApplication
import UsersContracts
import UsersDomain
@testable import UsersInfrastructure

@Suite("Users repositories on PostgreSQL")
struct PostgresUsersStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func withStore(_ body: (PostgresUnitOfWork<UsersRepositories>, TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.withFresh { db in
            _ = try await db.migrate()
            let bus = DurableEventBus(pool: db.pool, logger: Logger(label: "test", minimumLevel: .error, sink: { _ in }))
            try await body(PostgresUnitOfWork(pool: db.pool, bus: bus, repositories: UsersRepositories.init(on:)), db)
        }
    }

    static func user(_ email: String, roles: Set<Role> = [.customer], status: UserStatus = .active, name: String = "N") throws -> User {
        User(id: UUID(), email: try EmailAddress(email), name: try PersonName(name), roles: try RoleSet(roles), status: status,
             passwordHash: "$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA", createdAt: now, updatedAt: now)
    }

    @Test func usersRoundTripAndEmailIsUnique() async throws {
        try await Self.withStore { store, _ in
            var ann = try Self.user("ann@example.com", roles: [.staff, .admin])
            try await store.users.insert(ann)
            #expect(try await store.users.user(id: ann.id) == ann)
            #expect(try await store.users.user(email: "ann@example.com") == ann)
            let clash = await #expect(throws: DomainError.self) { try await store.users.insert(try Self.user("ann@example.com")) }
            #expect(clash?.code == "email_taken")
            _ = try ann.apply(UserChange(name: try PersonName("Ann B"), status: .disabled), by: UUID(), at: Self.now.addingTimeInterval(5))
            try await store.users.update(ann)
            #expect(try await store.users.user(id: ann.id) == ann)
        }
    }

    @Test func listFiltersAndWalksEveryUserExactlyOnce() async throws {
        try await Self.withStore { store, _ in
            for i in 0..<23 {
                try await store.users.insert(try Self.user(String(format: "u%02d@example.com", i), roles: i % 5 == 0 ? [.staff] : [.customer],
                                                           status: i % 7 == 0 ? .disabled : .active, name: i % 2 == 0 ? "Even Person" : "Odd"))
            }
            var seen: [String] = []
            var after: CursorPosition?
            repeat {
                let page = try await store.users.list(UserFilter(), page: try PageRequest(limit: 5, after: after))
                seen += page.prefix(5).map(\.email.value)
                after = page.count > 5 ? page.prefix(5).last.map { CursorPosition([$0.email.value, $0.id.uuidString.lowercased()]) } : nil
            } while after != nil
            #expect(seen == (0..<23).map { String(format: "u%02d@example.com", $0) })
            #expect(try await store.users.list(UserFilter(role: .staff), page: try PageRequest(limit: 100)).count == 5)
            #expect(try await store.users.list(UserFilter(status: .disabled), page: try PageRequest(limit: 100)).count == 4)
            #expect(try await store.users.list(UserFilter(text: "EVEN"), page: try PageRequest(limit: 100)).count == 12)
            #expect(try await store.users.list(UserFilter(text: "u1"), page: try PageRequest(limit: 100)).count == 10)
            // LIKE wildcards in the search text are matched literally.
            #expect(try await store.users.list(UserFilter(text: "%"), page: try PageRequest(limit: 100)).isEmpty)
        }
    }

    @Test func refreshTokenFamiliesAreSpentAndRevoked() async throws {
        try await Self.withStore { store, db in
            let user = try Self.user("a@example.com")
            try await store.users.insert(user)
            let family = UUID()
            let first = RefreshToken(id: UUID(), familyID: family, userID: user.id, tokenHash: Array(repeating: 1, count: 32),
                                     issuedAt: Self.now, expiresAt: Self.now.addingTimeInterval(60))
            let second = RefreshToken(id: UUID(), familyID: family, userID: user.id, tokenHash: Array(repeating: 2, count: 32),
                                      issuedAt: Self.now, expiresAt: Self.now.addingTimeInterval(60))
            try await store.transaction { tx in
                try await tx.refreshTokens.insert(first)
                try await tx.refreshTokens.insert(second)
                try await tx.refreshTokens.markSpent(id: first.id, at: Self.now)
            }
            let spent = try await store.transaction { tx in try await tx.refreshTokens.tokenForUpdate(hash: first.tokenHash) }
            #expect(spent?.spentAt == Self.now && spent?.revokedAt == nil)
            try await store.transaction { tx in try await tx.refreshTokens.revokeFamily(family, at: Self.now) }
            let revoked = try await db.pool.query("SELECT count(*) FROM users.refresh_tokens WHERE revoked_at IS NOT NULL")
            #expect(try revoked[0].decode(Int.self, at: 0) == 2)
            #expect(try await store.transaction { tx in try await tx.refreshTokens.tokenForUpdate(hash: [9]) } == nil)
        }
    }

    @Test func loginFailuresSurviveARestartAndAreShared() async throws {
        try await Self.withStore { store, db in
            let address = "198.51.100.7"
            for i in 0..<3 {
                try await store.loginAttempts.recordFailure(
                    email: "a@example.com", LoginFailure(at: Self.now.addingTimeInterval(Double(i)), clientAddress: address), attempt: UUID())
            }
            try await store.loginAttempts.recordFailure(email: "b@example.com", LoginFailure(at: Self.now, clientAddress: address),
                                                        attempt: UUID())
            // A second store on the same database (another process, or this one restarted) sees them.
            let other = PostgresUnitOfWork(pool: db.pool, bus: DurableEventBus(pool: db.pool, logger: Logger(label: "t", sink: { _ in })),
                                           repositories: UsersRepositories.init(on:))
            #expect(try await other.loginAttempts.lockFailures(email: "a@example.com", since: Self.now).count == 3)
            #expect(try await other.loginAttempts.lockFailures(email: "a@example.com", since: Self.now.addingTimeInterval(1)).count == 2)
            try await other.loginAttempts.clearFailures(email: "a@example.com", clientAddress: address)
            #expect(try await store.loginAttempts.lockFailures(email: "a@example.com", since: .distantPast).isEmpty)
            #expect(try await store.loginAttempts.lockFailures(email: "b@example.com", since: .distantPast).count == 1)
        }
    }

    @Test func loginFailuresAreKeptPerAddressAndAReservationCanBeWithdrawn() async throws {
        try await Self.withStore { store, db in
            let (stranger, owner, attempt) = ("198.51.100.7", "2001:db8::1", UUID())
            try await store.loginAttempts.recordFailure(email: "a@example.com", LoginFailure(at: Self.now, clientAddress: stranger),
                                                        attempt: UUID())
            try await store.loginAttempts.recordFailure(email: "a@example.com", LoginFailure(at: Self.now, clientAddress: owner),
                                                        attempt: attempt)
            // A failure recorded before addresses were kept (migration 0007) counts for the email only.
            try await db.pool.execute("INSERT INTO users.login_failures (email, failed_at) VALUES ('a@example.com', $1)",
                                      [.timestamp(Self.now)])
            let all = try await store.loginAttempts.lockFailures(email: "a@example.com", since: .distantPast)
            #expect(all.map(\.clientAddress).sorted { ($0 ?? "") < ($1 ?? "") } == [nil, stranger, owner])
            try await store.loginAttempts.withdrawFailure(attempt: attempt)
            try await store.loginAttempts.clearFailures(email: "a@example.com", clientAddress: owner)
            let left = try await store.loginAttempts.lockFailures(email: "a@example.com", since: .distantPast)
            #expect(left.map(\.clientAddress).sorted { ($0 ?? "") < ($1 ?? "") } == [nil, stranger])
        }
    }

    /// The email's lock makes "read the failures, then record one" a single step for concurrent attempts: a second
    /// transaction on the same email waits for the first and sees its failure; another email does not wait.
    @Test func theEmailLockSerialisesAttemptsOnOneEmailOnly() async throws {
        try await Self.withStore { store, _ in
            let holding = AsyncStream.makeStream(of: Void.self)
            let release = AsyncStream.makeStream(of: Void.self)
            let first = Task {
                try await store.transaction { tx in
                    _ = try await tx.loginAttempts.lockFailures(email: "a@example.com", since: .distantPast)
                    try await tx.loginAttempts.recordFailure(email: "a@example.com", LoginFailure(at: Self.now, clientAddress: "192.0.2.1"),
                                                             attempt: UUID())
                    holding.continuation.yield()
                    for await _ in release.stream { break }
                }
            }
            for await _ in holding.stream { break }
            let second = Task {
                try await store.transaction { tx in try await tx.loginAttempts.lockFailures(email: "a@example.com", since: .distantPast) }
            }
            // Another email is not held up by the first transaction.
            #expect(try await store.transaction { tx in
                try await tx.loginAttempts.lockFailures(email: "b@example.com", since: .distantPast)
            }.isEmpty)
            try await Task.sleep(for: .milliseconds(200))
            release.continuation.yield()
            try await first.value
            #expect(try await second.value.count == 1)
        }
    }

    @Test func eventsCommitWithTheChangeOrNotAtAll() async throws {
        struct Refused: Error {}
        try await Self.withStore { store, db in
            let user = try Self.user("a@example.com")
            try await store.transaction { tx in
                try await tx.users.insert(user)
                try await tx.events.publish(UserRegistered(userId: user.id, email: user.email.value, roles: ["customer"]))
            }
            await #expect(throws: Refused.self) {
                try await store.transaction { tx in
                    try await tx.users.insert(try Self.user("b@example.com"))
                    try await tx.events.publish(UserRegistered(userId: UUID(), email: "b@example.com", roles: ["customer"]))
                    throw Refused()
                }
            }
            let events = try await db.pool.query("SELECT name, payload->>'email' FROM messaging.outbox")
            #expect(events.count == 1)
            #expect(try events[0].decode(String.self, at: 0) == "users.user_registered.v1")
            #expect(try events[0].decode(String.self, at: 1) == "a@example.com")
            #expect(try await store.users.user(email: "b@example.com") == nil)
        }
    }

    @Test func adminCountSeesOnlyActiveAdmins() async throws {
        try await Self.withStore { store, _ in
            try await store.users.insert(try Self.user("a@example.com", roles: [.admin]))
            try await store.users.insert(try Self.user("b@example.com", roles: [.admin, .staff]))
            try await store.users.insert(try Self.user("c@example.com", roles: [.admin], status: .disabled))
            try await store.users.insert(try Self.user("d@example.com", roles: [.staff]))
            #expect(try await store.transaction { tx in try await tx.users.lockAdminChangesAndCountActiveAdmins() } == 2)
        }
    }
}
