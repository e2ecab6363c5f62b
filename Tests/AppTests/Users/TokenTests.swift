import Foundation
import TestSupport
import Testing

@Suite("HTTP: access and refresh tokens")
struct TokenTests {
    @Test func meNeedsAValidBearerToken() async throws {
        try await TestApp.run { app in
            let id = try await app.register("a@example.com")
            let tokens = try await app.logIn("a@example.com")
            let me = try await app.http.json("GET", "/v1/users/me", token: tokens.access)
            #expect(me.status == 200 && me.object["id"] as? String == id)
            let missing = try await app.http.json("GET", "/v1/users/me")
            #expect(missing.status == 401 && missing.header("WWW-Authenticate") == "Bearer")
        }
    }

    /// The contract's "Operations": a token whose `exp` has passed is `401`; `JWT_LEEWAY_SECONDS` (default 0) allows
    /// for clock skew between hosts. (It was accepted for 30 s after `exp`.)
    @Test func aTokenJustPastItsExpIs401UnlessALeewayIsConfigured() async throws {
        for (leeway, status) in [(nil, 401), ("30", 200)] as [(String?, Int)] {
            try await TestApp.run(environment: leeway.map { ["JWT_LEEWAY_SECONDS": $0] } ?? [:]) { app in
                let id = try await app.register("a@example.com")
                let expiredFiveSecondsAgo = try ForgedToken.make(
                    header: try ForgedToken.standardHeader(),
                    claims: ForgedToken.claims(subject: id, now: Date().addingTimeInterval(-605), lifetime: 600))
                let me = try await app.http.json("GET", "/v1/users/me", token: expiredFiveSecondsAgo)
                #expect(me.status == status, "leeway \(leeway ?? "unset")")
                if status == 401 { #expect(me.header("WWW-Authenticate") == "Bearer") }
            }
        }
    }

    @Test func forgedExpiredAndForeignTokensAre401() async throws {
        try await TestApp.run { app in
            let id = try await app.register("a@example.com")
            let header = try ForgedToken.standardHeader()
            let good = try ForgedToken.make(header: header, claims: ForgedToken.claims(subject: id))
            #expect(try await app.http.json("GET", "/v1/users/me", token: good).status == 200)
            var noneHeader = header
            noneHeader["alg"] = "none"
            var hs512 = header
            hs512["alg"] = "HS512"
            var rs256 = header
            rs256["alg"] = "RS256"
            var plainJWT = header
            plainJWT["typ"] = "JWT"
            let tampered = good.split(separator: ".").enumerated().map { $0.offset == 1 ? ForgedToken.base64url(Data("{\"sub\":\"\(UUID())\"}".utf8)) : String($0.element) }.joined(separator: ".")
            let forged: [(String, String)] = [
                ("expired", try ForgedToken.make(header: header, claims: ForgedToken.claims(subject: id, now: Date().addingTimeInterval(-3600)))),
                ("tampered", tampered),
                ("alg none", try ForgedToken.make(header: noneHeader, claims: ForgedToken.claims(subject: id), signature: "")),
                ("HS512", try ForgedToken.make(header: hs512, claims: ForgedToken.claims(subject: id))),
                ("RS256", try ForgedToken.make(header: rs256, claims: ForgedToken.claims(subject: id))),
                ("typ JWT", try ForgedToken.make(header: plainJWT, claims: ForgedToken.claims(subject: id))),
                ("wrong iss", try ForgedToken.make(header: header, claims: ForgedToken.claims(subject: id, issuer: "evil"))),
                ("wrong aud", try ForgedToken.make(header: header, claims: ForgedToken.claims(subject: id, audience: "evil"))),
                ("other secret", try ForgedToken.make(header: header, claims: ForgedToken.claims(subject: id), secret: "another-secret-0123456789abcdef-0123")),
                ("garbage", "not.a.token"),
            ]
            for (name, token) in forged {
                let response = try await app.http.json("GET", "/v1/users/me", token: token)
                #expect(response.status == 401, "\(name) token was accepted")
                #expect(response.code == "unauthorized", "\(name)")
            }
        }
    }

    @Test func refreshRotatesAndReuseRevokesTheWholeLoginIncludingTheNewest() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            let first = try await app.logIn("a@example.com")
            let second = try await app.http.json("POST", "/v1/auth/refresh", ["refreshToken": first.refresh])
            #expect(second.status == 200)
            let newest = try #require(second.object["refreshToken"] as? String)
            #expect(newest != first.refresh)
            let reuse = try await app.http.json("POST", "/v1/auth/refresh", ["refreshToken": first.refresh])
            #expect(reuse.status == 401 && reuse.code == "refresh_token_reused")
            let revoked = try await app.http.json("POST", "/v1/auth/refresh", ["refreshToken": newest])
            #expect(revoked.status == 401 && revoked.code == "invalid_refresh_token")
            let unknown = try await app.http.json("POST", "/v1/auth/refresh", ["refreshToken": "never-issued"])
            #expect(unknown.status == 401 && unknown.code == "invalid_refresh_token")
        }
    }

    @Test func twoConcurrentRefreshesOfOneTokenGiveExactlyOne200() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            let tokens = try await app.logIn("a@example.com")
            async let a = app.http.json("POST", "/v1/auth/refresh", ["refreshToken": tokens.refresh])
            async let b = app.http.json("POST", "/v1/auth/refresh", ["refreshToken": tokens.refresh])
            let statuses = try await [a.status, b.status]
            #expect(statuses.sorted() == [200, 401])
        }
    }

    @Test func logoutEndsTheLoginAndUnknownTokensAreFine() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            let tokens = try await app.logIn("a@example.com")
            #expect(try await app.http.json("POST", "/v1/auth/logout", ["refreshToken": tokens.refresh]).status == 204)
            #expect(try await app.http.json("POST", "/v1/auth/logout", ["refreshToken": "never-issued"]).status == 204)
            let after = try await app.http.json("POST", "/v1/auth/refresh", ["refreshToken": tokens.refresh])
            #expect(after.status == 401 && after.code == "invalid_refresh_token")
        }
    }

    @Test func changingThePasswordRevokesRefreshTokens() async throws {
        try await TestApp.run { app in
            try await app.register("a@example.com")
            let tokens = try await app.logIn("a@example.com")
            let wrong = try await app.http.json("POST", "/v1/users/me/password", ["currentPassword": "nope-nope", "newPassword": "password-2"], token: tokens.access)
            #expect(wrong.status == 401 && wrong.code == "invalid_credentials")
            let short = try await app.http.json("POST", "/v1/users/me/password", ["currentPassword": "password-1", "newPassword": "short"], token: tokens.access)
            #expect(short.status == 422)
            let changed = try await app.http.json("POST", "/v1/users/me/password", ["currentPassword": "password-1", "newPassword": "password-2"], token: tokens.access)
            #expect(changed.status == 204)
            #expect(try await app.http.json("POST", "/v1/auth/refresh", ["refreshToken": tokens.refresh]).status == 401)
            _ = try await app.logIn("a@example.com", password: "password-2")
        }
    }
}
