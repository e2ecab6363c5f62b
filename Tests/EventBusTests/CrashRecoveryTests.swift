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

    /// Issue 13: a process killed by `kill -9` in the middle of a delivery costs seconds, not a minute. Its claim is
    /// a short lease it renews while alive; once it stops renewing, another process's relay takes the event and
    /// delivers it, once.
    @Test func anEventWhoseProcessDiedMidDeliveryIsDeliveredOnceByAnotherProcessWithinFiveSeconds() async throws {
        try await TestDatabase.withFresh(poolSize: 6) { db in
            try await Fixture.migrate(db)
            _ = try await db.pool.execute(script: "CREATE TABLE probe_progress (step text NOT NULL)")
            let probe = try Self.startProbe(databaseURL: db.url, mode: "mid-delivery")
            #expect(try await eventually(timeout: .seconds(60)) {
                try await db.pool.queryFirst("SELECT count(*) FROM probe_progress")?.decode(Int.self, at: 0) == 1
            }, "the probe never started delivering")
            // Meanwhile the probe's claim is held: another process's relay finds nothing due.
            let other = Fixture.bus(db, dispatchAfterCommit: false)
            try other.subscribe(ParcelShipped.self, as: "tests.crash") { event, tx in
                try await tx.execute("INSERT INTO effects VALUES (gen_random_uuid(), 'tests.crash', $1)", [.text(event.parcel)])
            }
            #expect(try await other.deliverDue() == 0)

            kill(probe.process.processIdentifier, SIGKILL)
            #expect(await probe.status == .killed)
            let killed = ContinuousClock.now
            let relay = Task { await other.run() }
            defer { relay.cancel() }
            #expect(try await eventually(timeout: .seconds(5)) { try await Fixture.outboxState(db) == (0, 1, 0) },
                    "the event was not delivered within 5 s of the kill")
            let took = ContinuousClock.now - killed
            #expect(try await Fixture.effects(db) == ["crash"], "delivered once")
            #expect(await eventually { other.statistics.delivered == 1 }, "counted after its commit")
            print("mid-delivery takeover: delivered \(took) after kill -9")
        }
    }

    enum ProbeStatus: Equatable, Sendable { case killed, exited(Int32), signalled(Int32) }

    struct RunningProbe {
        let process: Process
        let finished: Task<ProbeStatus, any Error>
        var status: ProbeStatus { get async { (try? await finished.value) ?? .exited(-1) } }
    }

    /// Starts the probe in `mode` and returns at once; `status` waits for it to end.
    static func startProbe(databaseURL: String, mode: String) throws -> RunningProbe {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let process = Process()
        process.executableURL = directory.appendingPathComponent("OutboxCrashProbe")
        process.environment = ["DATABASE_URL": databaseURL, "PROBE_MODE": mode]
        let (stream, continuation) = AsyncStream.makeStream(of: ProbeStatus.self)
        process.terminationHandler = { finished in
            switch (finished.terminationReason, finished.terminationStatus) {
            case (.uncaughtSignal, SIGKILL): continuation.yield(.killed)
            case (.uncaughtSignal, let signal): continuation.yield(.signalled(signal))
            case (_, let code): continuation.yield(.exited(code))
            }
            continuation.finish()
        }
        try process.run()
        return RunningProbe(process: process, finished: Task {
            for await status in stream { return status }
            return .exited(-1)
        })
    }

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
