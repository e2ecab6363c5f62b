import Crypto
import Foundation
import Kernel
import Logging
import Outbox
import Postgres

/// `wharf events dead` and `wharf events retry ID`: the event bus's dead letters from the command line, through the
/// same port as `GET /v1/admin/dead-events` and its retry (docs/adr/0020). A retried event is delivered by the relay
/// of a running `wharf serve`, not by this command.
enum EventsCommand {
    /// Prints every dead event, most recently set aside first, one line each:
    /// `ID  FAILED-AT  NAME  SUBSCRIBER  attempts=N  LAST-ERROR`; "no dead events" when there is none.
    static func dead(configuration: Configuration, write: (String) -> Void = { print($0) }) async throws -> Int32 {
        try await withDeadLetters(configuration) { deadLetters in
            var cursor: String?
            var printed = 0
            repeat {
                let page = try await deadLetters.list(cursor: cursor, limit: PageRequest.limitRange.upperBound)
                for event in page.items {
                    write([event.id.lowercased, event.failedAt.formatted(.iso8601), event.name, event.subscriber,
                           "attempts=\(event.attempts)", event.lastError.replacingOccurrences(of: "\n", with: " ")]
                        .joined(separator: "  "))
                }
                printed += page.items.count
                cursor = page.nextCursor
            } while cursor != nil
            if printed == 0 { write("no dead events") }
            return 0
        }
    }

    /// Makes the event due again; 1 (with a message on standard error) when it is unknown or not dead.
    static func retry(_ id: UUID, configuration: Configuration, write: (String) -> Void = { print($0) }) async throws -> Int32 {
        try await withDeadLetters(configuration) { deadLetters in
            do {
                try await deadLetters.retry(id)
            } catch let error as DomainError {
                WharfMain.writeStandardError("wharf events retry: \(error.message) (\(error.code))\n")
                return 1
            }
            write("event \(id.lowercased) will be delivered again to the subscribers that have not handled it")
            return 0
        }
    }

    /// The dead-letter port on a one-connection pool, closed afterwards. Its cursors never leave this process, so
    /// they are signed with a key of its own.
    private static func withDeadLetters(_ configuration: Configuration,
                                        _ body: (DeadLetters) async throws -> Int32) async throws -> Int32 {
        let pool = PostgresPool(configuration: try PostgresConfiguration(url: configuration.databaseURL, poolSize: 1))
        let bus = DurableEventBus(pool: pool, logger: Logger(label: "wharf.events", minimumLevel: .warning))
        let key = SecureRandom.bytes(32)
        do {
            let status = try await body(bus.deadLetters(cursors: CursorCodec { HMACSHA256.mac(key: key, message: $0) }))
            await pool.close()
            return status
        } catch {
            await pool.close()
            throw error
        }
    }
}
