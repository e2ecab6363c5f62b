import Kernel

/// The Users context's refusals, one definition each so codes and wording never drift.
enum UsersErrors {
    static let invalidCredentials = DomainError(.unauthenticated, code: "invalid_credentials", message: "wrong email or password")
    static let accountDisabled = DomainError(.forbidden, code: "account_disabled", message: "this account is disabled")
    static let unauthorized = DomainError(.unauthenticated, code: "unauthorized", message: "a valid access token is required")
    static let forbidden = DomainError(.forbidden, code: "forbidden", message: "you may not do this")
    static let invalidRefreshToken = DomainError(.unauthenticated, code: "invalid_refresh_token",
                                                 message: "the refresh token is unknown, expired or revoked")
    static let refreshTokenReused = DomainError(.unauthenticated, code: "refresh_token_reused",
                                                message: "the refresh token was already used; the login has been revoked")
    static let emailTaken = DomainError(.conflict, code: "email_taken", message: "a user with this email exists")
    static func tooManyAttempts(retryAfter: Int) -> DomainError {
        DomainError(.rateLimited(retryAfterSeconds: retryAfter), code: "too_many_attempts",
                    message: "too many failed logins for this email; try again later")
    }
}
