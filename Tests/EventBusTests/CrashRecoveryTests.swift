import Foundation
import Logging
@testable import Outbox
import Postgres
import TestSupport
import Testing

@Suite("Durable event bus: crash between commit and dispatch")
struct CrashRecoveryTests {
    typealias Fixture = EventBusFixture

    @Test func killingTheProcessBetweenCommitAndDispatchLosesNothing() async throws {
        try await TestDatabase.withFresh { db in
            try await Fixture.migrate(db)
            let status = try await Self.runProbe(databaseURL: db.url)
            #expect(status == .killed)
            // Committed but never dispatched: the event waits in the outbox.
            #expect(try await Fixture.outboxState(db) == (1, 0, 0))
            #expect(try await Fixture.effects(db).isEmpty)

            // The restarted process registers the same subscriber; its relay delivers the event.
            let restarted = Fixture.bus(db)
            try restarted.subscribe(ParcelShipped.self, as: "tests.crash") { event, tx in
                try await tx.execute("INSERT INTO effects VALUES (gen_random_uuid(), 'tests.crash', $1)", [.text(event.parcel)])
            }
            // It becomes due when the dispatch grace the crashed process gave it has passed.
            #expect(try await eventually { try await restarted.deliverDue() == 1 })
            #expect(try await Fixture.effects(db) == ["crash"])
            #expect(try await Fixture.outboxState(db) == (0, 1, 0))
        }
    }

    enum ProbeStatus: Equatable { case killed, exited(Int32), signalled(Int32) }

    static func runProbe(databaseURL: String) async throws -> ProbeStatus {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let probe = directory.appendingPathComponent("OutboxCrashProbe")
        let process = Process()
        process.executableURL = probe
        process.environment = ["DATABASE_URL": databaseURL]
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                switch (finished.terminationReason, finished.terminationStatus) {
                case (.uncaughtSignal, SIGKILL): continuation.resume(returning: .killed)
                case (.uncaughtSignal, let signal): continuation.resume(returning: .signalled(signal))
                case (_, let code): continuation.resume(returning: .exited(code))
                }
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }
}
