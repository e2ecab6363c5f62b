import Foundation
import Kernel
import Synchronization
import TestSupport
import Testing
import UsersApplication
import UsersContracts
import UsersDomain

@Suite("Users application: login throttling per email and per client address")
struct LoginThrottlingTests {
    static let stranger = "198.51.100.7"
    static let owner = "203.0.113.9"

    @Test func ofManySimultaneousWrongPasswordsAtMostFiveAreTold401() async throws {
        let fixture = UsersFixture()
        try await fixture.user("a@example.com")
        let codes = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    await errorCode { try await fixture.service.logIn(LogIn(email: "a@example.com", password: "nope"), from: Self.stranger) }
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(codes.filter { $0 == "invalid_credentials" }.count == 5)
        #expect(codes.filter { $0 == "too_many_attempts" }.count == 25)
        // Refused attempts are not checked at all, and not counted: the lock does not grow while it is hammered.
        #expect(fixture.passwords.verifications.load(ordering: .relaxed) == 5)
        #expect(fixture.store.state.snapshot.failures["a@example.com"]?.count == 5)
    }

    @Test func theOwnerLogsInFromAnotherAddressWhileTheStrangersAddressStaysLocked() async throws {
        let fixture = UsersFixture()
        try await fixture.user("a@example.com")
        for _ in 0..<5 { _ = try? await fixture.service.logIn(LogIn(email: "a@example.com", password: "nope"), from: Self.stranger) }
        let stranger = await #expect(throws: DomainError.self) {
            try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"), from: Self.stranger)
        }
        #expect(stranger?.kind == .rateLimited(retryAfterSeconds: 900))
        // The email is locked for guesses from anywhere: a wrong password from a new address is 429, not 401...
        let guess = await #expect(throws: DomainError.self) {
            try await fixture.service.logIn(LogIn(email: "a@example.com", password: "nope"), from: "192.0.2.200")
        }
        #expect(guess?.code == "too_many_attempts")
        // ...but the owner's right password from its own address opens a login.
        _ = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"), from: Self.owner)
        // Which clears the owner's address only: the stranger's failures stay.
        #expect(await errorCode {
            try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"), from: Self.stranger)
        } == "too_many_attempts")
    }

    @Test func failuresFromManyAddressesLockTheEmailForEveryoneAtTheCeiling() async throws {
        let fixture = UsersFixture()
        try await fixture.user("a@example.com")
        for i in 0..<50 {
            _ = try? await fixture.service.logIn(LogIn(email: "a@example.com", password: "nope"), from: "198.51.100.\(i)")
        }
        #expect(fixture.store.state.snapshot.failures["a@example.com"]?.count == 50)
        let owner = await #expect(throws: DomainError.self) {
            try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"), from: Self.owner)
        }
        #expect(owner?.code == "too_many_attempts")
        fixture.advance(15 * 60)
        _ = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"), from: Self.owner)
    }

    @Test func anAttemptThatCouldNotBeCheckedDoesNotCount() async throws {
        let fixture = UsersFixture()
        try await fixture.user("a@example.com")
        fixture.passwords.busy.store(true, ordering: .relaxed)
        for _ in 0..<6 {
            await #expect(throws: FakePasswords.Busy.self) {
                try await fixture.service.logIn(LogIn(email: "a@example.com", password: "nope"), from: Self.owner)
            }
        }
        #expect(fixture.store.state.snapshot.failures["a@example.com"]?.isEmpty != false)
        fixture.passwords.busy.store(false, ordering: .relaxed)
        _ = try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"), from: Self.owner)
    }

    @Test func aDisabledAccountsRightPasswordIsNotAFailure() async throws {
        let fixture = UsersFixture()
        let admin = try await fixture.user("admin@example.com", roles: ["admin"])
        let user = try await fixture.user("a@example.com")
        _ = try await fixture.service.updateUser(fixture.principal(admin), id: user.id, UpdateUser(status: "disabled"))
        for _ in 0..<6 {
            #expect(await errorCode {
                try await fixture.service.logIn(LogIn(email: "a@example.com", password: "password1"), from: Self.owner)
            } == "account_disabled")
        }
    }
}
