import EventBus
import Foundation
import Kernel
import Synchronization
import TestSupport
import Testing
import UsersApplication
import UsersContracts
import UsersDomain

@Suite("Users application: registration, login, tokens")
struct AuthenticationTests {
    @Test func registrationNormalisesEmailAndPublishes() async throws {
        let fixture = UsersFixture()
        let user = try await fixture.service.register(RegisterUser(email: " Ann@Example.com ", password: "password1", name: "Ann"))
        #expect(user.email == "ann@example.com")
        #expect(user.roles == ["customer"] && user.status == "active")
        #expect(fixture.bus.published(UserRegistered.self) == [UserRegistered(userId: user.id, email: "ann@example.com", roles: ["customer"])])
        let duplicate = await #expect(throws: DomainError.self) {
            try await fixture.service.register(RegisterUser(email: "ANN@example.com", password: "password1", name: "Ann"))
        }
        #expect(duplicate?.code == "email_taken")
        #expect(fixture.bus.published.count == 1)
    }

    @Test func loginIssuesTokensAndUnknownEmailSpendsTheSameWork() async throws {
        let fixture = UsersFixture()
        try await fixture.user("a@example.com")
        let pair = try await fixture.service.logIn(LogIn(email: " A@EXAMPLE.com", password: "password1"))
        #expect(pair.tokenType == "Bearer" && pair.expiresIn == 900)
        let unknown = await #expect(throws: DomainError.self) { try await fixture.service.logIn(LogIn(email: "b@example.com", password: "x")) }
        let wrong = await #expect(throws: DomainError.self) { try await fixture.service.logIn(LogIn(email: "a@example.com", password: "x")) }
        #expect(unknown == wrong)
        #expect(unknown?.code == "invalid_credentials")
        #expect(fixture.passwords.dummyVerifications.load(ordering: .relaxed) == 1)
    }

    @Test func fiveFailuresLockTheEmailEvenWithTheRightPassword() async throws {
        let fixture = UsersFixture()
        try await fixture.user("a@example.com")
        for _ in 0..<5 { _ = try? await fixture.service.logIn(LogIn(email: "a@example.com", password: "nope")) }
        let locked = await #expect(throws: DomainError.self) {
            try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"))
        }
        #expect(locked?.code == "too_many_attempts")
        #expect(locked?.kind == .rateLimited(retryAfterSeconds: 900))
        fixture.advance(15 * 60)
        _ = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"))
    }

    @Test func disabledUsersCannotLogIn() async throws {
        let fixture = UsersFixture()
        let admin = try await fixture.user("admin@example.com", roles: ["admin"])
        let user = try await fixture.user("a@example.com")
        _ = try await fixture.service.updateUser(fixture.principal(admin), id: user.id, UpdateUser(status: "disabled"))
        let error = await #expect(throws: DomainError.self) { try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1")) }
        #expect(error?.code == "account_disabled")
    }

    @Test func weakHashesAreUpgradedOnLogin() async throws {
        let fixture = UsersFixture()
        let user = try await fixture.user("a@example.com")
        try await fixture.store.transaction { tx in
            guard var stored = try await tx.users.user(id: user.id) else { return }
            stored.setPasswordHash("weak:password1", at: Date())
            try await tx.users.update(stored)
        }
        _ = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"))
        #expect(try await fixture.store.users.user(id: user.id)?.passwordHash == "hash:password1")
    }

    @Test func refreshRotatesAndReuseRevokesTheWholeLogin() async throws {
        let fixture = UsersFixture()
        try await fixture.user("a@example.com")
        let first = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"))
        let second = try await fixture.service.refresh(first.refreshToken)
        #expect(second.refreshToken != first.refreshToken)
        let reuse = await #expect(throws: DomainError.self) { try await fixture.service.refresh(first.refreshToken) }
        #expect(reuse?.code == "refresh_token_reused")
        let newest = await #expect(throws: DomainError.self) { try await fixture.service.refresh(second.refreshToken) }
        #expect(newest?.code == "invalid_refresh_token")
    }

    @Test func expiredUnknownAndLoggedOutTokensAreInvalid() async throws {
        let fixture = UsersFixture()
        try await fixture.user("a@example.com")
        let pair = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"))
        try await fixture.service.logOut(pair.refreshToken)
        try await fixture.service.logOut("never-issued")
        #expect(await errorCode { try await fixture.service.refresh(pair.refreshToken) } == "invalid_refresh_token")
        #expect(await errorCode { try await fixture.service.refresh("never-issued") } == "invalid_refresh_token")
        let other = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"))
        fixture.advance(3600)
        #expect(await errorCode { try await fixture.service.refresh(other.refreshToken) } == "invalid_refresh_token")
    }

    @Test func changingThePasswordRevokesEveryLogin() async throws {
        let fixture = UsersFixture()
        let user = try await fixture.user("a@example.com")
        let pair = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"))
        #expect(await errorCode {
            try await fixture.service.changePassword(fixture.principal(user), ChangePassword(currentPassword: "bad", newPassword: "password2"))
        } == "invalid_credentials")
        try await fixture.service.changePassword(fixture.principal(user), ChangePassword(currentPassword: "password1", newPassword: "password2"))
        #expect(await errorCode { try await fixture.service.refresh(pair.refreshToken) } == "invalid_refresh_token")
        _ = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password2"))
    }
}

func errorCode(_ body: () async throws -> some Any) async -> String? {
    do {
        _ = try await body()
        return nil
    } catch let error as DomainError {
        return error.code
    } catch {
        return "\(error)"
    }
}
