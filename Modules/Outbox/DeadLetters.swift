public import Foundation
public import Kernel

/// What the bus offers operators about the events it set aside (`GET /v1/admin/dead-events`, `wharf events dead`
/// and `retry`; docs/adr/0020). Authorization is the caller's business: this port trusts whoever holds it.
public struct DeadLetters: Sendable {
    let store: OutboxStore
    let pager: KeysetPager

    /// The dead events, most recently set aside first, `limit` per page (keyset paging: a page is stable while
    /// events die or are retried). `invalid_cursor` for a cursor this listing did not issue.
    public func list(cursor: String?, limit: Int) async throws -> Page<DeadEvent> {
        let request = try pager.request(cursor: cursor, limit: limit)
        let rows = try await store.dead(after: request.after?.values, limit: request.limit + 1)
        return pager.page(rows, for: request) { [$0.position, $0.event.id.lowercased] }.map(\.event)
    }

    /// Gives a dead event another attempt now: it is delivered again (by any process's relay) to the subscribers that
    /// have not handled it (the inbox skips the others). One failure more sets it aside again. `not_found` for an
    /// unknown event, `409 event_not_dead` for one that is not dead (pending, or delivered).
    public func retry(_ id: UUID) async throws {
        switch try await store.revive(id) {
        case .revived: return
        case .unknown: throw DomainError.notFound("event")
        case .notDead: throw Self.notDead
        }
    }

    /// A retry of an event that is not dead.
    public static let notDead = DomainError(.conflict, code: "event_not_dead", message: "the event is not dead: only dead events can be retried")

    static let scope = "eventbus:dead-events"
}

extension DurableEventBus {
    /// The dead-letter port; `cursors` signs the listing's cursors.
    public func deadLetters(cursors: CursorCodec) -> DeadLetters {
        DeadLetters(store: store, pager: KeysetPager(cursors: cursors, scope: DeadLetters.scope, keyCount: 2))
    }
}
