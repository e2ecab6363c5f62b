public import EventBus

/// The Users context's storage: repositories for single statements, and units of work.
public protocol UsersStore: Sendable {
    /// Repositories outside any explicit transaction (each call commits on its own).
    var users: any UserRepository { get }
    var loginAttempts: any LoginAttemptRepository { get }
    /// Runs `body` in one transaction: commit on return, rollback on throw, retried on serialization failure.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any UsersTransaction) async throws -> T) async throws -> T
}

/// The repositories and the event publisher bound to one transaction.
public protocol UsersTransaction: Sendable {
    var users: any UserRepository { get }
    var refreshTokens: any RefreshTokenRepository { get }
    var loginAttempts: any LoginAttemptRepository { get }
    var events: any EventPublisher { get }
    /// Runs `action` once the transaction has committed (never if it rolls back).
    func afterCommit(_ action: @escaping @Sendable () -> Void)
}
