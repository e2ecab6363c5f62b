public import Crypto
public import Foundation
public import Kernel
public import Logging
public import Outbox
public import Postgres
import UsersApplication
public import UsersContracts

/// Builds the Users context for the composition root: its facade over PostgreSQL, scrypt and JWT.
public enum UsersModule {
    /// The settings the Users context needs from configuration.
    public struct Settings: Sendable {
        public var accessTokens: AccessTokenCodec
        public var passwordHasher: PasswordHasher
        public var refreshTokenLifetime: TimeInterval
        /// MAC for list cursors (keyed by a server secret).
        public var cursorMAC: CursorCodec.MAC

        public init(accessTokens: AccessTokenCodec, passwordHasher: PasswordHasher, refreshTokenLifetime: TimeInterval,
                    cursorMAC: @escaping CursorCodec.MAC) {
            self.accessTokens = accessTokens
            self.passwordHasher = passwordHasher
            self.refreshTokenLifetime = refreshTokenLifetime
            self.cursorMAC = cursorMAC
        }
    }

    /// The facade, the purges of ended refresh tokens and expired login failures, and the listener of other processes'
    /// role and status changes; events go through `bus`.
    public static func make(pool: PostgresPool, bus: DurableEventBus, settings: Settings, clock: Clock = .system,
                            logger: Logger) -> BoundedContext<any UsersFacade> {
        let service = UsersService(
            store: PostgresUnitOfWork(pool: pool, bus: bus, repositories: UsersRepositories.init(on:)),
            passwords: ScryptPasswords(hasher: settings.passwordHasher),
            accessTokens: JWTAccessTokens(codec: settings.accessTokens), refreshSecrets: OpaqueRefreshTokens(),
            cursors: CursorCodec(mac: settings.cursorMAC), refreshTokenLifetime: settings.refreshTokenLifetime,
            clock: clock, logger: logger.named("users"))
        // Neither kind of row is read once it has ended; the purges keep the tables from growing without bound.
        let refreshTokens = BackgroundJob(name: "users.refresh_token_purge", every: .seconds(600)) {
            try await service.purgeEndedRefreshTokens()
        }
        let loginFailures = BackgroundJob(name: "users.login_failure_purge", every: .seconds(60)) {
            try await service.purgeExpiredLoginFailures()
        }
        // Role and status changes made by other processes reach this one's principal cache at once (NOTIFY).
        let usersLogger = logger.named("users")
        let accessChanges: @Sendable () async -> Void = {
            await UserAccessChanges.listen(on: pool, service: service, logger: usersLogger)
        }
        return BoundedContext(facade: service, jobs: [refreshTokens, loginFailures], listeners: [accessChanges])
    }
}
