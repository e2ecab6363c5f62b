import Foundation
import TestSupport
import Testing
@testable import WharfApp

/// The contract's "Operations": of N simultaneous wrong-password logins for one email at most 5 are `401`, the rest
/// `429 too_many_attempts`; the lock also counts per client address, and `TRUSTED_PROXIES` says whose
/// `X-Forwarded-For` is believed (ADR 14).
@Suite("HTTP: login throttling under parallel attempts and per client address")
struct LoginThrottlingTests {
    static let stranger = "198.51.100.7"
    static let owner = "203.0.113.9"

    /// Sends `count` logins for `email` at once, each on its own connection; returns their responses.
    static func simultaneousLogins(_ app: TestApp, _ email: String, password: String, count: Int,
                                   headers: [(String, String)] = []) async throws -> [TestClient.Response] {
        try await withThrowingTaskGroup(of: TestClient.Response.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await app.http.json("POST", "/v1/auth/login", ["email": email, "password": password], headers: headers)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    static func login(_ app: TestApp, _ email: String, password: String, from address: String? = nil) async throws -> TestClient.Response {
        try await app.http.json("POST", "/v1/auth/login", ["email": email, "password": password],
                                headers: address.map { [("X-Forwarded-For", $0)] } ?? [])
    }

    @Test func ofSixtySimultaneousWrongPasswordsAtMostFiveAre401() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            let responses = try await Self.simultaneousLogins(app, "a@example.com", password: "wrong-pass", count: 60)
            let wrong = responses.filter { $0.status == 401 }
            let throttled = responses.filter { $0.status == 429 }
            #expect(wrong.count >= 1 && wrong.count <= 5, "\(responses.map(\.status))")
            #expect(wrong.count + throttled.count == 60, "\(responses.map(\.status))")
            #expect(wrong.allSatisfy { $0.code == "invalid_credentials" })
            #expect(throttled.allSatisfy { $0.code == "too_many_attempts" && (Int($0.header("Retry-After") ?? "") ?? 0) > 800 })
            // An unknown email is throttled the same way (the answer never reveals whether it is registered).
            let unknown = try await Self.simultaneousLogins(app, "nobody@example.com", password: "wrong-pass", count: 20)
            #expect(unknown.filter { $0.status == 401 }.count <= 5 && unknown.filter { $0.status == 429 }.count >= 15)
        }
    }

    @Test func theOwnerLogsInFromItsOwnAddressWhileTheStrangersStaysLocked() async throws {
        try await TestApp.run(environment: ["TRUSTED_PROXIES": "127.0.0.1"]) { app in
            try await app.register("a@example.com")
            let responses = try await Self.simultaneousLogins(app, "a@example.com", password: "wrong-pass", count: 60,
                                                              headers: [("X-Forwarded-For", Self.stranger)])
            #expect(responses.filter { $0.status == 401 }.count <= 5)
            #expect(responses.filter { $0.status == 429 }.count >= 55)
            // The stranger's address is refused even the right password...
            let stranger = try await Self.login(app, "a@example.com", password: "password-1", from: Self.stranger)
            #expect(stranger.status == 429 && stranger.code == "too_many_attempts")
            // ...a guess from anywhere else is 429 too, not another "wrong password"...
            let guess = try await Self.login(app, "a@example.com", password: "wrong-pass", from: "192.0.2.77")
            #expect(guess.status == 429 && guess.code == "too_many_attempts")
            // ...but the owner, from its own address, gets in.
            let owner = try await Self.login(app, "a@example.com", password: "password-1", from: Self.owner)
            #expect(owner.status == 200 && owner.object["accessToken"] is String)
            // And that does not unlock the stranger.
            #expect(try await Self.login(app, "a@example.com", password: "password-1", from: Self.stranger).status == 429)
        }
    }

    @Test func xForwardedForIsIgnoredFromAnUntrustedPeer() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            // Without TRUSTED_PROXIES a client cannot pose as five different addresses: all five count on its own.
            for i in 0..<5 {
                #expect(try await Self.login(app, "a@example.com", password: "wrong-pass", from: "192.0.2.\(i)").status == 401)
            }
            let locked = try await Self.login(app, "a@example.com", password: "password-1", from: Self.owner)
            #expect(locked.status == 429 && locked.code == "too_many_attempts")
        }
    }

    @Test func xForwardedForNamesTheClientFromATrustedProxy() async throws {
        try await TestApp.run(environment: ["TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.0/8"]) { app in
            try await app.register("a@example.com")
            for _ in 0..<5 {
                #expect(try await Self.login(app, "a@example.com", password: "wrong-pass", from: Self.stranger).status == 401)
            }
            // The stranger is locked out: also behind one more trusted hop, and whatever it wrote to the left itself.
            for forwarded in [Self.stranger, "\(Self.owner), \(Self.stranger)", "\(Self.stranger), 10.1.2.3"] {
                let response = try await Self.login(app, "a@example.com", password: "password-1", from: forwarded)
                #expect(response.status == 429, "\(forwarded)")
            }
            // Another client behind the same proxy is another address.
            #expect(try await Self.login(app, "a@example.com", password: "password-1", from: "\(Self.owner), 10.1.2.3").status == 200)
        }
    }
}
