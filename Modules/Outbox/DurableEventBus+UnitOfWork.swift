public import EventBus
public import Foundation
public import Kernel
public import Postgres

extension DurableEventBus {
    /// Registers `handler` for events of type `E` under the stable name `subscriber` (it keys the inbox), as
    /// `subscribe(_:as:isolation:_:)` does, handing it the transaction the bus opened bound to `unitOfWork`'s
    /// repositories: what the handler changes and publishes commits with the inbox row.
    public func subscribe<E: IntegrationEvent, Repositories: Sendable>(
        _ type: E.Type, as subscriber: String, in unitOfWork: PostgresUnitOfWork<Repositories>,
        isolation: PostgresIsolationLevel = .readCommitted,
        _ handler: @escaping @Sendable (E, Transaction<Repositories>) async throws -> Void
    ) throws {
        try subscribe(type, as: subscriber, isolation: isolation) { event, transaction in
            try await handler(event, unitOfWork.bind(transaction))
        }
    }

    /// As above, also handing over the event's id (stable across redeliveries of one event).
    public func subscribe<E: IntegrationEvent, Repositories: Sendable>(
        _ type: E.Type, as subscriber: String, in unitOfWork: PostgresUnitOfWork<Repositories>,
        isolation: PostgresIsolationLevel = .readCommitted,
        _ handler: @escaping @Sendable (E, UUID, Transaction<Repositories>) async throws -> Void
    ) throws {
        try subscribe(type, as: subscriber, isolation: isolation) { event, id, transaction in
            try await handler(event, id, unitOfWork.bind(transaction))
        }
    }
}
