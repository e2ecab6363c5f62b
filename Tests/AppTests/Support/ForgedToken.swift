import Crypto
import Foundation

/// Hand-made JWTs for the authentication tests: any header, any claims, signed (HS256) under any secret.
enum ForgedToken {
    static func make(header: [String: Any], claims: [String: Any], secret: String = TestApp.jwtSecret,
                     signature: String? = nil) throws -> String {
        let head = base64url(try JSONSerialization.data(withJSONObject: header, options: .sortedKeys))
        let body = base64url(try JSONSerialization.data(withJSONObject: claims, options: .sortedKeys))
        let mac = HMACSHA256.mac(key: Array(secret.utf8), message: Array("\(head).\(body)".utf8))
        return "\(head).\(body).\(signature ?? base64url(Data(mac)))"
    }

    static func kid(_ secret: String = TestApp.jwtSecret) throws -> String { try AccessTokenKey(secret: secret).id }

    static func standardHeader() throws -> [String: Any] { ["alg": "HS256", "typ": "at+jwt", "kid": try kid()] }

    static func claims(subject: String, now: Date = Date(), lifetime: TimeInterval = 600, issuer: String = "wharf",
                       audience: String = "wharf") -> [String: Any] {
        let iat = Int(now.timeIntervalSince1970)
        return ["sub": subject, "iat": iat, "nbf": iat, "exp": iat + Int(lifetime), "iss": issuer, "aud": audience,
                "jti": UUID().uuidString]
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
