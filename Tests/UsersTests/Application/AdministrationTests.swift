import EventBus
import Foundation
import Kernel
import Testing
import UsersApplication
import UsersContracts

@Suite("Users application: administration and authorisation")
struct AdministrationTests {
    @Test func onlyAdminsAdminister() async throws {
        let fixture = UsersFixture()
        let staff = try await fixture.user("s@example.com", roles: ["staff"])
        #expect(await errorCode { try await fixture.service.listUsers(fixture.principal(staff), UserListQuery()) } == "forbidden")
        #expect(await errorCode { try await fixture.service.user(fixture.principal(staff), id: staff.id) } == "forbidden")
    }

    @Test func roleChangeIsSeenOnTheNextRequestAndAnnounced() async throws {
        let fixture = UsersFixture()
        let admin = try await fixture.user("admin@example.com", roles: ["admin"])
        let user = try await fixture.user("a@example.com")
        let token = "at." + user.id.uuidString.lowercased()
        #expect(try await fixture.service.authenticate(bearer: token).roles == [.customer])
        _ = try await fixture.service.updateUser(fixture.principal(admin), id: user.id, UpdateUser(roles: ["staff"]))
        #expect(try await fixture.service.authenticate(bearer: token).roles == [.staff])
        #expect(fixture.bus.published(UserRolesChanged.self).last == UserRolesChanged(userId: user.id, previousRoles: ["customer"], roles: ["staff"]))
        _ = try await fixture.service.updateUser(fixture.principal(admin), id: user.id, UpdateUser(status: "disabled"))
        #expect(await errorCode { try await fixture.service.authenticate(bearer: token) } == "account_disabled")
        #expect(fixture.bus.published(UserDisabled.self) == [UserDisabled(userId: user.id)])
        #expect(await errorCode { try await fixture.service.authenticate(bearer: "garbage") } == "unauthorized")
    }

    @Test func lastAdminAndSelfChangeRules() async throws {
        let fixture = UsersFixture()
        let admin = try await fixture.user("admin@example.com", roles: ["admin"])
        #expect(await errorCode {
            try await fixture.service.updateUser(fixture.principal(admin), id: admin.id, UpdateUser(roles: ["staff"]))
        } == "cannot_change_self")
        let second = try await fixture.user("b@example.com", roles: ["admin"])
        _ = try await fixture.service.updateUser(fixture.principal(admin), id: second.id, UpdateUser(roles: ["staff"]))
        // `second` is no longer an admin, so it cannot act, and `admin` is the last one.
        #expect(await errorCode {
            try await fixture.service.updateUser(fixture.principal(second), id: admin.id, UpdateUser(status: "disabled"))
        } != nil)
    }

    @Test func twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() async throws {
        let fixture = UsersFixture()
        let a = try await fixture.user("a@example.com", roles: ["admin"])
        let b = try await fixture.user("b@example.com", roles: ["admin"])
        async let first = errorCode { try await fixture.service.updateUser(fixture.principal(a), id: b.id, UpdateUser(roles: ["staff"])) }
        async let second = errorCode { try await fixture.service.updateUser(fixture.principal(b), id: a.id, UpdateUser(roles: ["staff"])) }
        let outcomes = await [first, second]
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.contains("last_admin"))
    }

    @Test func listFiltersAndPagesByEmail() async throws {
        let fixture = UsersFixture()
        let admin = try await fixture.user("admin@example.com", roles: ["admin"])
        for i in 0..<5 { try await fixture.user("user\(i)@example.com") }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try await fixture.service.listUsers(fixture.principal(admin), UserListQuery(q: "USER", limit: 2, cursor: cursor))
            seen += page.items.map(\.email)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == (0..<5).map { "user\($0)@example.com" })
        let admins = try await fixture.service.listUsers(fixture.principal(admin), UserListQuery(role: "admin"))
        #expect(admins.items.map(\.email) == ["admin@example.com"])
        #expect(await errorCode { try await fixture.service.listUsers(fixture.principal(admin), UserListQuery(cursor: "forged")) } == "invalid_cursor")
        #expect(await errorCode { try await fixture.service.listUsers(fixture.principal(admin), UserListQuery(role: "root")) } == "validation_failed")
    }

    @Test func ensureAdminIsIdempotent() async throws {
        let fixture = UsersFixture()
        #expect(try await fixture.service.ensureAdmin(email: "root@example.com", password: "password1", name: "Root"))
        #expect(try await fixture.service.ensureAdmin(email: "ROOT@example.com", password: "other-pass", name: "Root") == false)
        let pair = try await fixture.service.logIn(LogIn(email: "root@example.com", password: "password1"))
        let principal = try await fixture.service.authenticate(bearer: pair.accessToken)
        #expect(principal.isAdmin)
    }
}
