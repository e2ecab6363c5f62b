import Crypto
import Foundation
import Testing

@Suite("HS256 access tokens")
struct AccessTokenCodecTests {
    let clock = TestClock()

    func codec(previous: [AccessTokenKey] = [], current: AccessTokenKey = Forge.key()) throws -> AccessTokenCodec {
        try AccessTokenCodec(currentKey: current, previousKeys: previous, timeToLive: 900, leeway: 30, now: clock.now)
    }

    @Test func roundTrip() throws {
        let codec = try codec()
        let issued = try codec.issue(subject: "user-42", extraClaims: ["scope": .strings(["a", "b"]), "n": .integer(7)])
        let claims = try codec.verify(issued.token)
        #expect(claims == issued.claims)
        #expect(claims.subject == "user-42" && claims.issuer == "wharf" && claims.audience == ["wharf"])
        #expect(claims.issuedAt == Date(timeIntervalSince1970: Forge.t0))
        #expect(claims.expiresAt == Date(timeIntervalSince1970: Forge.t0 + 900))
        #expect(claims.notBefore == claims.issuedAt)
        #expect(claims.tokenID.count == 22 && claims.extra["scope"] == .strings(["a", "b"]))
        #expect(issued.expiresIn == 900)
        #expect(try codec.issue(subject: "user-42").claims.tokenID != claims.tokenID)
    }

    @Test func awkwardSubjectsRoundTrip() throws {
        let codec = try codec()
        for subject in [#"a"b\c"#, "line\nbreak\u{0}nul", "caf\u{E9} \u{1F600}", String(repeating: "x", count: 1000)] {
            #expect(try codec.verify(codec.issue(subject: subject, extraClaims: ["q": .string(subject)]).token).subject == subject)
        }
    }

    // Pinned so operators can compute the kid of a secret elsewhere: hex(SHA-256("wharf-jwt-kid\0" + secret)[0..<8]).
    @Test func keyIDIsDerivedFromTheSecret() {
        #expect(Forge.key().id == "d736a5581e490088")
        #expect(Forge.key().id == Forge.key(Forge.secret).id && Forge.key().id != Forge.key(Forge.otherSecret).id)
    }

    @Test func absurdClockIsRefusedNotTrapped() throws {
        for seconds in [-1, .nan, .infinity, 253_402_300_799] as [TimeInterval] {
            let codec = try AccessTokenCodec(currentKey: Forge.key(), now: { Date(timeIntervalSince1970: seconds) })
            #expect(throws: JWTError.invalidClaim("iat")) { try codec.issue(subject: "u") }
            #expect(throws: JWTError.self) { try codec.verify(Forge.token(header: Forge.header(), payload: Forge.payload())) }
        }
    }

    @Test func headerIsExactlyTheRFC9068Form() throws {
        let codec = try codec()
        let token = try codec.issue(subject: "u").token
        let header = String(token.prefix { $0 != "." })
        #expect(header == Forge.base64url(#"{"alg":"HS256","typ":"at+jwt","kid":"\#(codec.currentKeyID)"}"#))
        #expect(codec.currentKeyID.count == 16)
        #expect(!token.contains("="))
    }

    @Test func handForgedValidTokenVerifies() throws {
        let claims = try codec().verify(Forge.token(header: Forge.header(), payload: Forge.payload()))
        #expect(claims.subject == "user-1")
        let appType = Forge.token(header: Forge.header(typ: "application/at+jwt"), payload: Forge.payload())
        #expect(try codec().verify(appType).subject == "user-1")
    }

    @Test func tamperedPayloadOrSignatureIsRefused() throws {
        let codec = try codec()
        let parts = try codec.issue(subject: "user-1").token.split(separator: ".").map(String.init)
        let forgedPayload = Forge.base64url(Forge.payload(sub: "admin"))
        #expect(throws: JWTError.badSignature) { try codec.verify([parts[0], forgedPayload, parts[2]].joined(separator: ".")) }
        var signature = Array(parts[2])
        signature[5] = signature[5] == "A" ? "B" : "A"
        #expect(throws: JWTError.badSignature) { try codec.verify([parts[0], parts[1], String(signature)].joined(separator: ".")) }
        let otherKey = Forge.token(header: Forge.header(), payload: Forge.payload(), secret: Forge.otherSecret)
        #expect(throws: JWTError.badSignature) { try codec.verify(otherKey) }
    }

    @Test func algNoneIsRefused() throws {
        let codec = try codec()
        let header = Forge.base64url(Forge.header(alg: "none")), payload = Forge.base64url(Forge.payload())
        #expect(throws: JWTError.unsupportedAlgorithm) { try codec.verify("\(header).\(payload).") }
        #expect(throws: JWTError.unsupportedAlgorithm) { try codec.verify(Forge.token(header: Forge.header(alg: "none"), payload: Forge.payload())) }
    }

    // Each token carries a MAC that *would* pass for HS256 under our key: only the alg allow-list refuses them
    // (the classic RS256→HS256 key-confusion attack, and a lookalike strength upgrade).
    @Test(arguments: ["HS512", "HS384", "RS256", "ES256", "hs256", "HS256 ", "PS256"])
    func otherAlgorithmsAreRefused(alg: String) throws {
        #expect(throws: JWTError.unsupportedAlgorithm) {
            try codec().verify(Forge.token(header: Forge.header(alg: alg), payload: Forge.payload()))
        }
    }

    // A genuine HS512 token under our secret (made with Python's hmac/hashlib): well-formed and correctly
    // signed for what it claims, refused only because HS512 is not on the allow-list.
    @Test func genuineHS512TokenIsRefused() throws {
        let hs512 = "eyJhbGciOiJIUzUxMiIsInR5cCI6ImF0K2p3dCIsImtpZCI6ImQ3MzZhNTU4MWU0OTAwODgifQ."
            + "eyJzdWIiOiJ1c2VyLTEiLCJpc3MiOiJ3aGFyZiIsImF1ZCI6IndoYXJmIiwiaWF0IjoxODAwMDAwMDAwLCJuYmYiOjE4MDAwMDAwMDAsImV4cCI6MTgwMDAwMDkwMCwianRpIjoiajEifQ."
            + "_f_U2NlbbvIl4Pwu_wZArMNnEHY-TK-WC5eltkTljt4uhHgttYv5aGYDFQhZY0b40lMReNyMpGthIq020rvq6Q"
        #expect(hs512.split(separator: ".").dropLast().joined(separator: ".")
            == Forge.base64url(Forge.header(alg: "HS512")) + "." + Forge.base64url(Forge.payload()))
        #expect(throws: JWTError.unsupportedAlgorithm) { try codec().verify(hs512) }
    }

    @Test func algMustBeAString() throws {
        let header = #"{"alg":["HS256"],"typ":"at+jwt","kid":"\#(Forge.key().id)"}"#
        #expect(throws: JWTError.unsupportedAlgorithm) { try codec().verify(Forge.token(header: header, payload: Forge.payload())) }
    }

    @Test(arguments: ["JWT", "jwt", "AT+JWT", "at+jwt2", ""])
    func wrongTypeIsRefused(typ: String) throws {
        #expect(throws: JWTError.wrongType) { try codec().verify(Forge.token(header: Forge.header(typ: typ), payload: Forge.payload())) }
        let untyped = #"{"alg":"HS256","kid":"\#(Forge.key().id)"}"#
        #expect(throws: JWTError.wrongType) { try codec().verify(Forge.token(header: untyped, payload: Forge.payload())) }
    }

    @Test func unknownOrMissingKidIsRefused() throws {
        #expect(throws: JWTError.unknownKey) { try codec().verify(Forge.token(header: Forge.header(kid: "0011223344556677"), payload: Forge.payload())) }
        #expect(throws: JWTError.unknownKey) { try codec().verify(Forge.token(header: Forge.header(kid: "../../etc/passwd"), payload: Forge.payload())) }
        let noKid = #"{"alg":"HS256","typ":"at+jwt"}"#
        #expect(throws: JWTError.unknownKey) { try codec().verify(Forge.token(header: noKid, payload: Forge.payload())) }
    }

    @Test func unknownHeaderParametersAreRefused() throws {
        let kid = Forge.key().id
        for extra in [#""crit":["exp"]"#, #""jku":"https://evil.example/keys""#, #""zip":"DEF""#] {
            let header = #"{"alg":"HS256","typ":"at+jwt","kid":"\#(kid)",\#(extra)}"#
            #expect(throws: JWTError.malformed) { try codec().verify(Forge.token(header: header, payload: Forge.payload())) }
        }
    }

    @Test func rotationVerifiesPreviousKeyButSignsWithCurrent() throws {
        let old = Forge.key(Forge.secret), new = Forge.key(Forge.otherSecret)
        #expect(old.id != new.id)
        let oldToken = try codec(current: old).issue(subject: "u").token
        let rotated = try codec(previous: [old], current: new)
        #expect(try rotated.verify(oldToken).subject == "u")
        let newToken = try rotated.issue(subject: "u").token
        #expect(rotated.currentKeyID == new.id && newToken.hasPrefix(Forge.base64url(Forge.header(kid: new.id)) + "."))
        #expect(throws: JWTError.unknownKey) { try codec(current: old).verify(newToken) }
        #expect(throws: JWTError.unknownKey) { try codec(current: new).verify(oldToken) }
    }

    @Test func configurationIsValidated() {
        #expect(throws: AccessTokenConfigurationError.secretTooShort(minimum: 32, actual: 31)) {
            try AccessTokenKey(secret: String(repeating: "x", count: 31))
        }
        #expect(throws: AccessTokenConfigurationError.leewayOutOfRange(61)) { try AccessTokenCodec(currentKey: Forge.key(), leeway: 61) }
        #expect(throws: AccessTokenConfigurationError.timeToLiveOutOfRange(0)) { try AccessTokenCodec(currentKey: Forge.key(), timeToLive: 0) }
        #expect(throws: AccessTokenConfigurationError.emptyIssuerOrAudience) { try AccessTokenCodec(currentKey: Forge.key(), issuer: "") }
        #expect(throws: JWTError.invalidClaim("sub")) { try AccessTokenCodec(currentKey: Forge.key()).issue(subject: "") }
        #expect(throws: JWTError.invalidClaim("exp")) { try AccessTokenCodec(currentKey: Forge.key()).issue(subject: "u", extraClaims: ["exp": .integer(1)]) }
    }
}
