public import Audit
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
    /// Where the context's use cases record who changed what, in the change's transaction (docs/adr/0018).
    public let audit: any AuditTrail

    public init(users: any UserRepository, refreshTokens: any RefreshTokenRepository, loginAttempts: any LoginAttemptRepository,
                audit: any AuditTrail) {
        self.users = users
        self.refreshTokens = refreshTokens
        self.loginAttempts = loginAttempts
        self.audit = audit
    }
}

/// The Users repositories and the event publisher bound to one transaction.
public typealias UsersTransaction = Transaction<UsersRepositories>
