public import Foundation

/// Signed access tokens (JWT in production).
public protocol AccessTokens: Sendable {
    /// A token for `userID` and its lifetime in seconds.
    func issue(for userID: UUID) throws -> (token: String, expiresIn: Int)
    /// The user id a valid token was issued for; throws for any invalid token.
    func verify(_ token: String) throws -> UUID
}

/// Opaque refresh-token secrets: random values handed out, only their hashes kept.
public protocol RefreshTokenSecrets: Sendable {
    /// A new random token (≥ 256 bits) in URL-safe text.
    func generate() -> String
    /// The hash under which the token is stored and looked up.
    func hash(_ token: String) -> [UInt8]
}
