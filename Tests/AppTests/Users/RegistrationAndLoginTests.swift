import Foundation
import TestSupport
import Testing

@Suite("HTTP: registration and login")
struct RegistrationAndLoginTests {
    @Test func registrationReturnsTheUserWithoutAnyPassword() async throws {
        try await TestApp.run { app in
            let response = try await app.http.json("POST", "/v1/auth/register", ["email": "  Ann@Example.COM ", "password": "password-1", "name": "Ann"])
            #expect(response.status == 201)
            #expect(response.object["email"] as? String == "ann@example.com")
            #expect(response.object["roles"] as? [String] == ["customer"])
            #expect(response.object["status"] as? String == "active")
            #expect(Set(response.object.keys) == ["id", "email", "name", "roles", "status", "createdAt", "updatedAt"])
            #expect(!response.bodyText.contains("scrypt") && !response.bodyText.contains("password"))
            let again = try await app.http.json("POST", "/v1/auth/register", ["email": "ann@EXAMPLE.com", "password": "password-1", "name": "Ann"])
            #expect(again.status == 409 && again.code == "email_taken")
        }
    }

    @Test(arguments: [
        (["email": "not-an-email", "password": "password-1", "name": "A"], "email"),
        (["email": "a@example.com", "password": "short", "name": "A"], "password"),
        (["email": "a@example.com", "password": String(repeating: "p", count: 129), "name": "A"], "password"),
        (["email": "a@example.com", "password": "password-1", "name": ""], "name"),
        (["email": "a@example.com", "password": "password-1", "name": String(repeating: "n", count: 101)], "name"),
    ])
    func invalidRegistrationsAre422NamingTheField(body: [String: String], field: String) async throws {
        try await TestApp.run { app in
            let response = try await app.http.json("POST", "/v1/auth/register", body)
            #expect(response.status == 422 && response.code == "validation_failed")
            let errors = response.object["errors"] as? [[String: String]]
            #expect(errors?.first?["field"] == field)
        }
    }

    @Test func malformedUnknownAndWrongTypeBodies() async throws {
        try await TestApp.run { app in
            let unknown = try await app.http.json("POST", "/v1/auth/register", ["email": "a@example.com", "password": "password-1", "name": "A", "role": "admin"])
            #expect(unknown.status == 422 && unknown.code == "unknown_field")
            let malformed = try await app.http.send("POST", "/v1/auth/register", headers: [("Content-Type", "application/json")], body: Array("{\"email\":".utf8))
            #expect(malformed.status == 400)
            let text = try await app.http.send("POST", "/v1/auth/register", headers: [("Content-Type", "text/plain")], body: Array("{}".utf8))
            #expect(text.status == 415)
            let wrongType = try await app.http.json("POST", "/v1/auth/login", ["email": 5, "password": "x"])
            #expect(wrongType.status == 422)
        }
    }

    @Test func concurrentRegistrationsOfOneEmailCreateOneUser() async throws {
        try await TestApp.run { app in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await app.http.json("POST", "/v1/auth/register", ["email": "race@example.com", "password": "password-1", "name": "R"]).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 5)
        }
    }

    @Test func loginAnswersTheSameForUnknownEmailAndWrongPassword() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            let ok = try await app.http.json("POST", "/v1/auth/login", ["email": " A@example.com", "password": "password-1"])
            #expect(ok.status == 200)
            #expect(ok.object["tokenType"] as? String == "Bearer" && ok.object["expiresIn"] as? Int == 900)
            let wrong = try await app.http.json("POST", "/v1/auth/login", ["email": "a@example.com", "password": "password-2"])
            let unknown = try await app.http.json("POST", "/v1/auth/login", ["email": "nobody@example.com", "password": "password-2"])
            #expect(wrong.status == 401 && unknown.status == 401)
            #expect(wrong.code == "invalid_credentials" && unknown.code == "invalid_credentials")
            var wrongBody = wrong.object, unknownBody = unknown.object
            wrongBody["requestId"] = nil
            unknownBody["requestId"] = nil
            #expect(NSDictionary(dictionary: wrongBody) == NSDictionary(dictionary: unknownBody))
        }
    }

    @Test func fiveFailuresThrottleTheEmailEvenWithTheRightPassword() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            for _ in 0..<5 {
                #expect(try await app.http.json("POST", "/v1/auth/login", ["email": "a@example.com", "password": "wrong-pass"]).status == 401)
            }
            let locked = try await app.http.json("POST", "/v1/auth/login", ["email": "a@example.com", "password": "password-1"])
            #expect(locked.status == 429 && locked.code == "too_many_attempts")
            #expect(Int(locked.header("Retry-After") ?? "") ?? 0 > 800)
            // Other emails are unaffected, including unknown ones being counted separately.
            try await app.register("b@example.com")
            #expect(try await app.http.json("POST", "/v1/auth/login", ["email": "b@example.com", "password": "password-1"]).status == 200)
        }
    }
}


@Suite("HTTP: hostile text")
struct HostileTextTests {
    @Test func nulCharactersAreRefusedAsInputNeverReachTheDatabase() async throws {
        try await TestApp.run { app in
            let login = try await app.http.send("POST", "/v1/auth/login", headers: [("Content-Type", "application/json")],
                                                body: Array(#"{"email":"nu\u0000l@example.com","password":"x"}"#.utf8))
            #expect(login.status == 422 && login.code == "validation_failed")
            #expect((login.object["errors"] as? [[String: String]])?.first?["field"] == "email")
            let admin = try await app.adminToken()
            let search = try await app.http.json("GET", "/v1/users?q=a%00b", token: admin)
            #expect(search.status == 200)
            let path = try await app.http.json("GET", "/v1/users/%00", token: admin)
            #expect(path.status == 400)
        }
    }
}
