import Crypto
import Testing

@Suite("scrypt KDF and PHC strings")
struct ScryptTests {
    // RFC 7914 §12, first and second vectors.
    @Test func rfc7914KnownAnswers() throws {
        let first = try Scrypt.deriveKey(password: [], salt: [], n: 16, r: 1, p: 1, length: 64)
        #expect(Hex.encode(first) == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
            + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
        let second = try Scrypt.deriveKey(password: Array("password".utf8), salt: Array("NaCl".utf8), n: 1024, r: 8, p: 16, length: 64)
        #expect(Hex.encode(second) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test func deriveKeyRefusesBadParametersWithoutAllocating() {
        #expect(throws: PasswordHasherError.invalidParameters) { try Scrypt.deriveKey(password: [], salt: [], n: 1000, r: 1, p: 1, length: 32) }
        #expect(throws: PasswordHasherError.invalidParameters) { try Scrypt.deriveKey(password: [], salt: [], n: 16, r: 0, p: 1, length: 32) }
        // 2^30 × 8 × 128 bytes = 1 TiB: OpenSSL checks maxmem before allocating.
        #expect(throws: PasswordHasherError.derivationFailed) { try Scrypt.deriveKey(password: [], salt: [], n: 1 << 30, r: 8, p: 1, length: 32) }
    }

    @Test func parametersEnforceLimits() throws {
        #expect(ScryptParameters.recommended.memoryBytes > 128 << 20 && ScryptParameters.recommended.memoryBytes < 130 << 20)
        #expect(try ScryptParameters(logN: 17, r: 8, p: 1) == .recommended)
        for (ln, r, p) in [(0, 8, 1), (21, 1, 1), (18, 8, 1), (17, 33, 1), (17, 8, 17), (17, 8, 8), (20, 2, 1), (16, 1, 1)] {
            #expect(throws: PasswordHasherError.invalidParameters, "ln=\(ln) r=\(r) p=\(p)") { try ScryptParameters(logN: ln, r: r, p: p) }
        }
        #expect(throws: PasswordHasherError.invalidParameters) { try ScryptParameters(logN: 10, r: 8, p: 1, keyLength: 8) }
        #expect(throws: PasswordHasherError.invalidParameters) { try ScryptParameters(logN: 10, r: 8, p: 1, saltLength: 4) }
        // The largest accepted costs are accepted by OpenSSL too (checked with a cheap p and the edges of N).
        let edge = try ScryptParameters(logN: 15, r: 1, p: 1)
        #expect(try Scrypt.deriveKey(password: [1], salt: [2], n: 1 << 15, r: UInt64(edge.r), p: 1, length: 32).count == 32)
        let weak = try ScryptParameters(logN: 14, r: 8, p: 1)
        #expect(weak.isWeaker(than: .recommended) && !ScryptParameters.recommended.isWeaker(than: weak))
    }

    @Test func phcRoundTrip() throws {
        let text = "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY"
        let hash = try #require(ScryptHash(phc: text))
        #expect(hash.parameters == .recommended)
        #expect(hash.salt == Array("saltsaltsaltsalt".utf8) && hash.key == Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef".utf8))
        #expect(hash.phc == text)
    }

    @Test(arguments: [
        "",
        "$",
        "scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$argon2id$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$SCRYPT$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA",
        "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY$",
        "$scrypt$ln=17,r=8$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$r=8,ln=17,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=17,r=8,p=1,x=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=017,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=+17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=99,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=99999999999999999999,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=17,r=999,p=999$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA==$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY=",
        "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2Fsd-$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
        "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdB$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",  // non-canonical bits
        "$scrypt$ln=17,r=8,p=1$c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",  // 4-byte salt
        "$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJD",  // 3-byte key
        "$scrypt$ln=17,r=8,p=1$ c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
    ])
    func malformedPHCIsRejected(text: String) {
        #expect(ScryptHash(phc: text) == nil)
    }

    @Test func oversizedPHCIsRejectedUnread() {
        #expect(ScryptHash(phc: "$scrypt$ln=17,r=8,p=1$" + String(repeating: "A", count: 10_000) + "$QUJD") == nil)
    }
}
