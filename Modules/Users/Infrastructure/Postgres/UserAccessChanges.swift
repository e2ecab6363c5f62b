import Foundation
import Logging
import Postgres
import UsersApplication

/// Role and status changes told to every process (NOTIFY on the change's commit), so that a change made through one
/// `wharf serve` takes effect on the caller's next request on every other one, not only when their cached principal
/// expires (`principalCacheLifetime`, 1 s, which stays the bound when a notification is lost to a reconnect).
enum UserAccessChanges {
    /// The channel; the payload is the user's id.
    static let channel = "wharf_user_access"

    /// Listens until the task is cancelled, dropping each announced user from `service`'s cache; reconnects after a
    /// failure (polling the lifetime meanwhile keeps the 1 s bound).
    static func listen(on pool: PostgresPool, service: UsersService, logger: Logger) async {
        while !Task.isCancelled {
            do {
                for await payload in try await pool.listen(channel: channel) {
                    if let id = UUID(uuidString: payload) { service.forgetPrincipal(id) }
                }
            } catch {
                logger.warning("user access changes unavailable; cached principals expire on their own", ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
