import Crypto
import Testing

@Suite("SHA-256, HMAC-SHA256, hex, constant-time compare")
struct DigestTests {
    @Test func sha256KnownAnswers() {
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    // RFC 4231, test case 2.
    @Test func hmacRFC4231() {
        let mac = HMACSHA256.mac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    // The payment provider's webhook vector (Stripe's scheme): MAC over "<t>." + body.
    @Test func webhookSignatureVector() {
        let mac = HMACSHA256.mac(key: Array("whsec_test_secret".utf8),
                                 message: Array("1700000000.{\"id\":\"evt_1\",\"object\":\"event\"}".utf8))
        #expect(Hex.encode(mac) == "0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd")
    }

    @Test func hexRoundTripAndRejects() {
        #expect(Hex.decode("00ff10AB") == [0, 255, 16, 171])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equal([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equal([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equal([1, 2], [1, 2, 3]))
        #expect(ConstantTime.equal([], []))
    }

    @Test func randomBytesDiffer() {
        let a = SecureRandom.bytes(32), b = SecureRandom.bytes(32)
        #expect(a.count == 32 && a != b)
    }
}
