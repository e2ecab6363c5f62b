public import EventBus
public import Foundation
public import Kernel
public import Logging
public import UsersContracts
public import UsersDomain

/// The Users context's use cases behind `UsersFacade`, one file per use case (`UseCases/`).
public struct UsersService: Sendable {
    let store: any UnitOfWork<UsersRepositories>
    let passwords: any PasswordHashing
    let accessTokens: any AccessTokens
    let refreshSecrets: any RefreshTokenSecrets
    let principals: PrincipalCache
    let cursors: CursorCodec
    let throttle: LoginThrottle
    let refreshTokenLifetime: TimeInterval
    let clock: Clock
    let ids: IDGenerator
    let logger: Logger

    public init(store: any UnitOfWork<UsersRepositories>, passwords: any PasswordHashing, accessTokens: any AccessTokens,
                refreshSecrets: any RefreshTokenSecrets, cursors: CursorCodec, refreshTokenLifetime: TimeInterval,
                throttle: LoginThrottle = LoginThrottle(), principalCacheLifetime: Duration = .seconds(1),
                clock: Clock = .system, ids: IDGenerator = .v7(), logger: Logger) {
        self.store = store
        self.passwords = passwords
        self.accessTokens = accessTokens
        self.refreshSecrets = refreshSecrets
        self.cursors = cursors
        self.refreshTokenLifetime = refreshTokenLifetime
        self.throttle = throttle
        self.principals = PrincipalCache(lifetime: principalCacheLifetime, clock: clock)
        self.clock = clock
        self.ids = ids
        self.logger = logger
    }
}

extension UsersService: UsersFacade {}
