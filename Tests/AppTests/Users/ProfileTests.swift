import Foundation
import TestSupport
import Testing
@testable import WharfApp

@Suite("HTTP: PATCH /v1/users/me")
struct ProfileTests {
    @Test func aUserRenamesItselfAndNothingElse() async throws {
        try await TestApp.run { app in
            let id = try await app.register("c@example.com", name: "Old Name")
            let token = try await app.logIn("c@example.com").access
            let renamed = try await app.http.json("PATCH", "/v1/users/me", ["name": "  New Name "], token: token)
            #expect(renamed.status == 200, "\(renamed.bodyText)")
            #expect(renamed.object["id"] as? String == id && renamed.object["name"] as? String == "New Name")
            #expect(renamed.object["roles"] as? [String] == ["customer"] && renamed.object["status"] as? String == "active")
            #expect(renamed.object["passwordHash"] == nil && renamed.object["password"] == nil)
            #expect(try await app.http.json("GET", "/v1/users/me", token: token).object["name"] as? String == "New Name")

            for body in [["name": "X", "roles": ["admin"]], ["status": "disabled"], ["email": "other@example.com"]] as [[String: Any]] {
                let refused = try await app.http.json("PATCH", "/v1/users/me", body, token: token)
                #expect(refused.status == 422 && refused.code == "unknown_field", "\(body)")
            }
            for body in [[:], ["name": ""], ["name": String(repeating: "n", count: 101)], ["name": 5]] as [[String: Any]] {
                let refused = try await app.http.json("PATCH", "/v1/users/me", body, token: token)
                #expect(refused.status == 422 && refused.code == "validation_failed", "\(body): \(refused.bodyText)")
            }
            let me = try await app.http.json("GET", "/v1/users/me", token: token).object
            #expect(me["name"] as? String == "New Name" && me["roles"] as? [String] == ["customer"])
            #expect(try await app.http.json("PATCH", "/v1/users/me", ["name": "Anyone"]).status == 401)
        }
    }

    @Test func anAdminRenamingItselfUsesTheSameRouteNotTheAdministrationOne() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let renamed = try await app.http.json("PATCH", "/v1/users/me", ["name": "The Admin"], token: admin)
            #expect(renamed.status == 200 && renamed.object["name"] as? String == "The Admin")
            #expect(renamed.object["roles"] as? [String] == ["admin"])
        }
    }
}
