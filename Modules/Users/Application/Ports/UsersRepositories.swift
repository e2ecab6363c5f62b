public import EventBus

/// What the Users context stores: the repositories its `UnitOfWork` binds to a transaction (or runs on their own
/// outside one).
public struct UsersRepositories: Sendable {
    /// Users by id and email.
    public let users: any UserRepository
    /// Refresh tokens by hash, their families and revocation.
    public let refreshTokens: any RefreshTokenRepository
    /// Failed logins per email.
    public let loginAttempts: any LoginAttemptRepository

    public init(users: any UserRepository, refreshTokens: any RefreshTokenRepository, loginAttempts: any LoginAttemptRepository) {
        self.users = users
        self.refreshTokens = refreshTokens
        self.loginAttempts = loginAttempts
    }
}

/// The Users repositories and the event publisher bound to one transaction.
public typealias UsersTransaction = Transaction<UsersRepositories>
