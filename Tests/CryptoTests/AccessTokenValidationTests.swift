import Crypto
import Foundation
import Testing

@Suite("Access token claims, time, encoding and garbage")
struct AccessTokenValidationTests {
    let clock = TestClock()
    var codec: AccessTokenCodec {
        get throws { try AccessTokenCodec(currentKey: Forge.key(), timeToLive: 900, leeway: 30, now: clock.now) }
    }

    func verify(payload: String) throws -> AccessTokenClaims {
        try codec.verify(Forge.token(header: Forge.header(), payload: payload))
    }

    @Test func expiryHonoursLeeway() throws {
        let token = try codec.issue(subject: "u").token
        clock.set(Forge.t0 + 900 + 29)  // past exp, within leeway
        #expect(try codec.verify(token).subject == "u")
        clock.set(Forge.t0 + 900 + 30)
        #expect(throws: JWTError.expired) { try codec.verify(token) }
        clock.set(Forge.t0 + 86_400)
        #expect(throws: JWTError.expired) { try codec.verify(token) }
    }

    /// The contract's default (`JWT_LEEWAY_SECONDS` unset): refused from the second `exp` names.
    @Test func withoutLeewayATokenExpiresAtItsExp() throws {
        let codec = try AccessTokenCodec(currentKey: Forge.key(), timeToLive: 900, now: clock.now)
        #expect(codec.leeway == 0)
        let token = try codec.issue(subject: "u").token
        clock.set(Forge.t0 + 899)
        #expect(try codec.verify(token).subject == "u")
        clock.set(Forge.t0 + 900)
        #expect(throws: JWTError.expired) { try codec.verify(token) }
    }

    @Test func notBeforeAndIssuedInTheFuture() throws {
        let later = Int(Forge.t0) + 120
        let nbfLater = #"{"sub":"u","iss":"wharf","aud":"wharf","iat":\#(Int(Forge.t0)),"nbf":\#(later),"exp":\#(later + 900),"jti":"j"}"#
        #expect(throws: JWTError.notYetValid) { try verify(payload: nbfLater) }
        #expect(throws: JWTError.issuedInFuture) { try verify(payload: Forge.payload(iat: later, exp: later + 900).replacingOccurrences(of: #""nbf":\#(later),"#, with: "")) }
        // Within the leeway a slightly fast issuer clock is tolerated.
        #expect(try verify(payload: Forge.payload(iat: Int(Forge.t0) + 20)).subject == "user-1")
        clock.set(Forge.t0 + 120)
        #expect(try verify(payload: nbfLater).subject == "u")
    }

    @Test func issuerAndAudience() throws {
        #expect(throws: JWTError.wrongIssuer) { try verify(payload: Forge.payload(iss: "evil")) }
        #expect(throws: JWTError.wrongAudience) { try verify(payload: Forge.payload(aud: #""other""#)) }
        #expect(throws: JWTError.wrongAudience) { try verify(payload: Forge.payload(aud: #"["a","b"]"#)) }
        #expect(throws: JWTError.wrongAudience) { try verify(payload: Forge.payload(aud: "[]")) }
        #expect(throws: JWTError.invalidClaim("aud")) { try verify(payload: Forge.payload(aud: #"["wharf",1]"#)) }
        #expect(throws: JWTError.invalidClaim("aud")) { try verify(payload: Forge.payload(aud: "true")) }
        #expect(try verify(payload: Forge.payload(aud: #"["other","wharf"]"#)).audience == ["other", "wharf"])
    }

    @Test func duplicateMembersAreRefused() throws {
        let kid = Forge.key().id
        let twoAlgs = #"{"alg":"HS256","alg":"none","typ":"at+jwt","kid":"\#(kid)"}"#
        #expect(throws: JWTError.duplicateMember) { try codec.verify(Forge.token(header: twoAlgs, payload: Forge.payload())) }
        // Same name once unescaped.
        let escaped = #"{"alg":"HS256","a\u006cg":"none","typ":"at+jwt","kid":"\#(kid)"}"#
        #expect(throws: JWTError.duplicateMember) { try codec.verify(Forge.token(header: escaped, payload: Forge.payload())) }
        #expect(throws: JWTError.duplicateMember) { try verify(payload: Forge.payload(extra: #","sub":"admin""#)) }
        #expect(throws: JWTError.duplicateMember) { try verify(payload: Forge.payload(extra: #","exp":9999999999"#)) }
    }

    @Test(arguments: ["sub", "iss", "aud", "iat", "exp", "jti"])
    func missingClaimsAreRefused(name: String) throws {
        let full = Forge.payload()
        let found = full.range(of: #""\#(name)":[^,}]*,?"#, options: .regularExpression)
        #expect(found != nil)
        guard let range = found else { return }
        var stripped = full
        stripped.removeSubrange(range)
        stripped = stripped.replacingOccurrences(of: ",}", with: "}")
        #expect(throws: JWTError.missingClaim(name)) { try verify(payload: stripped) }
    }

    @Test func claimTypesAreStrict() throws {
        let t = Int(Forge.t0)
        let cases: [(String, String)] = [
            (#"{"sub":"u","iss":"wharf","aud":"wharf","iat":"\#(t)","exp":\#(t + 900),"jti":"j"}"#, "iat"),
            (#"{"sub":"u","iss":"wharf","aud":"wharf","iat":\#(t),"exp":\#(t + 900).5,"jti":"j"}"#, "exp"),
            (#"{"sub":"u","iss":"wharf","aud":"wharf","iat":\#(t),"exp":1.8e9,"jti":"j"}"#, "exp"),
            (#"{"sub":"u","iss":"wharf","aud":"wharf","iat":\#(t),"exp":99999999999999999999,"jti":"j"}"#, "exp"),
            (#"{"sub":"u","iss":"wharf","aud":"wharf","iat":-1,"exp":\#(t + 900),"jti":"j"}"#, "iat"),
            (#"{"sub":"","iss":"wharf","aud":"wharf","iat":\#(t),"exp":\#(t + 900),"jti":"j"}"#, "sub"),
            (#"{"sub":42,"iss":"wharf","aud":"wharf","iat":\#(t),"exp":\#(t + 900),"jti":"j"}"#, "sub"),
            (#"{"sub":"u","iss":null,"aud":"wharf","iat":\#(t),"exp":\#(t + 900),"jti":"j"}"#, "iss"),
        ]
        for (payload, claim) in cases {
            #expect(throws: JWTError.invalidClaim(claim)) { try verify(payload: payload) }
        }
    }

    @Test func strictBase64urlAndShape() throws {
        let token = try codec.issue(subject: "u").token
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let malformed = [
            "", ".", "..", "a.b", token + ".", token + ".x", "." + token,
            parts[0] + "=." + parts[1] + "." + parts[2],              // padding
            parts[0] + "." + parts[1] + "." + parts[2] + "=",
            parts[0] + "." + parts[1] + "." + parts[2].dropLast() + "+",  // other alphabet
            parts[0] + "." + parts[1] + "." + parts[2].dropLast() + "/",
            parts[0] + " ." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1] + "." + parts[2].dropLast(),   // 42 chars
            parts[0] + "." + parts[1] + "." + parts[2] + "A",
            "e30.e30.",                                               // {} . {} . nothing
        ]
        for text in malformed {
            #expect(throws: JWTError.self, "\(text)") { try codec.verify(text) }
        }
        // Non-canonical trailing bits: last signature char 'A'..'P' differ only in the 2 unused bits.
        let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let last = symbols.firstIndex(of: parts[2].last ?? "A") ?? 0
        let twin = String(symbols[last ^ 1])
        #expect(throws: JWTError.malformed) { try codec.verify(parts[0] + "." + parts[1] + "." + parts[2].dropLast() + twin) }
        #expect(throws: JWTError.malformed) { try codec.verify(parts[0] + "=." + parts[1] + "." + parts[2]) }
    }

    @Test func oversizedTokenIsRefusedEarly() throws {
        let huge = String(repeating: "A", count: AccessTokenCodec.maxTokenLength + 1)
        #expect(throws: JWTError.tooLarge) { try codec.verify(huge) }
        let bigClaim = Forge.payload(extra: #","pad":"\#(String(repeating: "x", count: 9000))""#)
        #expect(throws: JWTError.tooLarge) { try verify(payload: bigClaim) }
    }

    @Test func hostileJSONInHeaderNeverCrashes() throws {
        let kid = Forge.key().id
        let headers = [
            "", "{", "}", "[]", "null", "{}", #"{"alg":"HS256""#, #"{"alg":"HS256",}"#, #"{"alg" "HS256"}"#,
            #"{"alg":"HS256"} x"#, #"{"alg":"\ud800","typ":"at+jwt"}"#, #"{"alg":"HS\u0032\u00356"}"#,
            #"{"a":{"b":1}}"#, #"{"a":[[1]]}"#, #"{"a":01}"#, #"{"a":-}"#, #"{"a":1.}"#, #"{"a":1e}"#,
            #"{"a":tru}"#, "{\"a\":\"\u{1}\"}", #"{"a":"\x"}"#, "\u{FEFF}{}",
            "{" + String(repeating: #""a":1,"#, count: 100) + #""b":1}"#,
            #"{"alg":"HS256","typ":"at+jwt","kid":"\#(kid)"}"#.replacingOccurrences(of: "\"", with: "'"),
        ]
        for header in headers {
            #expect(throws: JWTError.self, "\(header)") { try codec.verify(Forge.token(header: header, payload: Forge.payload())) }
        }
        // Escapes that decode to the right values are fine.
        let escaped = #"{"alg":"HS\u0032\u00356","typ":"at\/jwt","kid":"\#(kid)"}"#
        #expect(throws: JWTError.wrongType) { try codec.verify(Forge.token(header: escaped, payload: Forge.payload())) }
    }

    @Test func randomGarbageAndMutationsNeverCrash() throws {
        let codec = try codec
        let token = Array(try codec.issue(subject: "u").token.utf8)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCxyz019-_.=+/ {}\"".utf8)
        for round in 0..<3_000 {
            var bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 1: bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            default:
                bytes = token
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let i = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0...2, using: &generator) {
                    case 0: bytes[i] = alphabet.randomElement(using: &generator) ?? 0
                    case 1: bytes.remove(at: i)
                    default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: i)
                    }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let claims = try? codec.verify(text) { #expect(text == String(decoding: token, as: UTF8.self) && claims.subject == "u") }
        }
    }

    // Well-formed base64url around random JSON-ish text, so the header parser itself (which runs before
    // the MAC check) sees thousands of hostile inputs rather than base64 errors.
    @Test func randomHeaderJSONNeverCrashes() throws {
        let codec = try codec
        var generator = SystemRandomNumberGenerator()
        let fragments = [#"{"#, #"}"#, #"["#, #"]"#, #"""#, #":"#, #","#, #"\"#, #"\u"#, "d8", "00", "dc", " ", "\t", "-", "0",
                         "1", "9", ".", "e", "+", "true", "null", "fals", #""alg""#, #""HS256""#, #""typ""#, #""at+jwt""#,
                         #""kid""#, "\u{0}", "\u{7F}", "\u{E9}", "\u{1F600}", "\u{FFFF}"]
        for _ in 0..<2_000 {
            var header = "{"
            for _ in 0..<Int.random(in: 0...24, using: &generator) { header += fragments.randomElement(using: &generator) ?? "" }
            let token = Forge.token(header: header, payload: Forge.payload())
            #expect(throws: JWTError.self) { try codec.verify(token) }
        }
    }
}
