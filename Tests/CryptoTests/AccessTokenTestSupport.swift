import Crypto
import Foundation
import Synchronization

/// Builds tokens by hand so tests can say exactly which bytes an attacker would send.
enum Forge {
    static let secret = "test-secret-0123456789-abcdefghijklmnop"  // 39 bytes
    static let otherSecret = "another-secret-0123456789-abcdefghijklm"
    static let t0: TimeInterval = 1_800_000_000

    static func key(_ secret: String = secret) -> AccessTokenKey {
        // The secrets above are long enough; a failure here is a test bug, reported as such.
        guard let key = try? AccessTokenKey(secret: secret) else { fatalError("test key too short") }
        return key
    }

    static func base64url(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64url(_ text: String) -> String { base64url(Array(text.utf8)) }

    /// `header.payload.signature` with an HS256 MAC under `secret` (even when the header claims another alg).
    static func token(header: String, payload: String, secret: String = secret) -> String {
        let input = base64url(header) + "." + base64url(payload)
        return input + "." + base64url(HMACSHA256.mac(key: Array(secret.utf8), message: Array(input.utf8)))
    }

    static func header(kid: String = key().id, alg: String = "HS256", typ: String = "at+jwt") -> String {
        #"{"alg":"\#(alg)","typ":"\#(typ)","kid":"\#(kid)"}"#
    }

    static func payload(sub: String = "user-1", iat: Int = Int(t0), exp: Int = Int(t0) + 900,
                        iss: String = "wharf", aud: String = #""wharf""#, extra: String = "") -> String {
        #"{"sub":"\#(sub)","iss":"\#(iss)","aud":\#(aud),"iat":\#(iat),"nbf":\#(iat),"exp":\#(exp),"jti":"j1"\#(extra)}"#
    }
}

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let seconds: Mutex<TimeInterval>
    init(_ start: TimeInterval = Forge.t0) { seconds = Mutex(start) }
    var now: @Sendable () -> Date { { [self] in Date(timeIntervalSince1970: self.seconds.withLock { $0 }) } }
    func set(_ value: TimeInterval) { seconds.withLock { $0 = value } }
}
