import Crypto
import Foundation
import UsersApplication

/// Refresh tokens as 256 random bits in base64url; stored and looked up by their SHA-256.
struct OpaqueRefreshTokens: RefreshTokenSecrets {
    func generate() -> String {
        Data(SecureRandom.bytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    func hash(_ token: String) -> [UInt8] { SHA256.digest(Array(token.utf8)) }
}
