import Foundation
import Kernel
import Testing
import UsersDomain

@Suite("Users domain")
struct UserRulesTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func user(roles: Set<Role> = [.customer], status: UserStatus = .active, id: UUID = UUID()) throws -> User {
        User(id: id, email: try EmailAddress("a@example.com"), name: try PersonName("A"), roles: try RoleSet(roles),
             status: status, passwordHash: "h", createdAt: now, updatedAt: now)
    }

    @Test(arguments: ["  Ann@Example.COM ", "a.b+tag@sub.example.org", "x@y.io"])
    func emailIsTrimmedAndLowerCased(_ raw: String) throws {
        let email = try EmailAddress(raw)
        #expect(email.value == raw.trimmingCharacters(in: .whitespaces).lowercased())
    }

    @Test(arguments: ["", "plain", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@exa mple.com",
                      "a@-example.com", ".a@example.com", "a@example..com", String(repeating: "a", count: 65) + "@example.com"])
    func emailMustLookLikeAnAddress(_ raw: String) {
        let error = #expect(throws: DomainError.self) { try EmailAddress(raw) }
        #expect(error?.fields.first?.field == "email")
    }

    @Test func nameAndPasswordLengths() throws {
        #expect(try PersonName("  Ann  ").value == "Ann")
        #expect(throws: DomainError.self) { try PersonName("   ") }
        #expect(throws: DomainError.self) { try PersonName(String(repeating: "x", count: 101)) }
        #expect(throws: DomainError.self) { try PersonName("bad\u{7}name") }
        #expect(throws: DomainError.self) { try PasswordPolicy.check("short") }
        #expect(throws: DomainError.self) { try PasswordPolicy.check(String(repeating: "p", count: 129)) }
        try PasswordPolicy.check("eight ch")
    }

    @Test func rolesAreNonEmptyAndKnown() throws {
        #expect(try RoleSet(names: ["staff", "admin"]).names == ["admin", "staff"])
        // The OpenAPI document says `uniqueItems`: a role named twice is refused, not silently merged.
        let twice = #expect(throws: DomainError.self) { try RoleSet(names: ["staff", "admin", "staff"]) }
        #expect(twice?.code == "validation_failed" && twice?.fields.map(\.field) == ["roles"])
        #expect(throws: DomainError.self) { try RoleSet(names: []) }
        #expect(throws: DomainError.self) { try RoleSet(names: ["root"]) }
    }

    @Test func anAdminCannotDemoteOrDisableItself() throws {
        let id = UUID()
        var admin = try Self.user(roles: [.admin], id: id)
        let demote = #expect(throws: DomainError.self) {
            try admin.apply(UserChange(roles: try RoleSet([.staff])), by: id, at: Self.now)
        }
        #expect(demote?.code == "cannot_change_self")
        let disable = #expect(throws: DomainError.self) { try admin.apply(UserChange(status: .disabled), by: id, at: Self.now) }
        #expect(disable?.code == "cannot_change_self")
        // Renaming itself and keeping admin while adding a role is fine.
        let changes = try admin.apply(UserChange(name: try PersonName("B"), roles: try RoleSet([.admin, .staff])), by: id, at: Self.now)
        #expect(changes.count == 2)
    }

    @Test func changesAreRecordedOnlyWhenSomethingChanges() throws {
        var user = try Self.user()
        #expect(try user.apply(UserChange(status: .active), by: UUID(), at: Self.now).isEmpty)
        let later = Self.now.addingTimeInterval(60)
        #expect(try user.apply(UserChange(status: .disabled), by: UUID(), at: later) == [.disabled])
        #expect(user.updatedAt == later)
        #expect(try user.apply(UserChange(status: .active), by: UUID(), at: later) == [.enabled])
    }

    @Test func theLastActiveAdminStays() throws {
        let before = try Self.user(roles: [.admin])
        var after = before
        _ = try after.apply(UserChange(roles: try RoleSet([.staff])), by: UUID(), at: Self.now)
        let error = #expect(throws: DomainError.self) { try LastAdminRule.check(before: before, after: after, otherActiveAdmins: 0) }
        #expect(error?.code == "last_admin")
        try LastAdminRule.check(before: before, after: after, otherActiveAdmins: 1)
        try LastAdminRule.check(before: try Self.user(), after: try Self.user(), otherActiveAdmins: 0)
    }

    @Test func throttleLocksAfterFiveFailuresInFifteenMinutes() {
        let throttle = LoginThrottle()
        let now = Self.now
        let four = (1...4).map { now.addingTimeInterval(Double(-$0 * 60)) }
        #expect(throttle.decide(failures: four, now: now) == .allowed)
        let five = four + [now.addingTimeInterval(-10 * 60)]
        // The oldest of the five (10 min ago) leaves the window in 5 min.
        #expect(throttle.decide(failures: five, now: now) == .locked(retryAfterSeconds: 300))
        let stale = four + [now.addingTimeInterval(-16 * 60)]
        #expect(throttle.decide(failures: stale, now: now) == .allowed)
    }

    @Test func refreshTokenPresentation() {
        let token = RefreshToken(id: UUID(), familyID: UUID(), userID: UUID(), tokenHash: [1], issuedAt: Self.now,
                                 expiresAt: Self.now.addingTimeInterval(100))
        #expect(token.presented(at: Self.now) == .exchange)
        #expect(token.presented(at: Self.now.addingTimeInterval(100)) == .invalid)
        var spent = token
        spent.spentAt = Self.now
        #expect(spent.presented(at: Self.now) == .reuse)
        spent.revokedAt = Self.now
        #expect(spent.presented(at: Self.now) == .invalid)
    }
}
