import Kernel
import Outbox

/// The bus's dead-letter port as the admin routes use it.
extension DeadLetters: DeadEventsRoutes.Port {
    func items(cursor: String?, limit: Int) async throws -> Page<DeadEventsRoutes.Item> {
        try await list(cursor: cursor, limit: limit).map {
            DeadEventsRoutes.Item(id: $0.id, name: $0.name, subscriber: $0.subscriber, attempts: $0.attempts,
                                  lastError: $0.lastError, failedAt: $0.failedAt)
        }
    }
}
