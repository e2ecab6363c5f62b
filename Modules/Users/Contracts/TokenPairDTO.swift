/// What login and refresh return.
public struct TokenPairDTO: Sendable, Codable, Equatable {
    /// A JWT (HS256, `typ` `at+jwt`) for `Authorization: Bearer`.
    public var accessToken: String
    /// An opaque token for `POST /v1/auth/refresh`; spent on use.
    public var refreshToken: String
    /// Always `Bearer`.
    public var tokenType: String
    /// Seconds until the access token expires.
    public var expiresIn: Int

    public init(accessToken: String, refreshToken: String, expiresIn: Int) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.tokenType = "Bearer"
        self.expiresIn = expiresIn
    }
}
