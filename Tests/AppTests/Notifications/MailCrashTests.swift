import Foundation
import Postgres
import TestSupport
import Testing

/// ADR 19's one possible duplicate, made to happen: `wharf serve` is killed (`kill -9`) after the mail server took
/// a message and before the delivery's transaction committed. The restarted process sends it again, once, with the
/// same `Message-ID`, and never a third time.
@Suite("wharf serve: mail across a kill -9")
struct MailCrashTests {
    @Test func aProcessKilledAfterTheServerTookTheMessageResendsItOnceWithTheSameMessageID() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { database in
            let server = try TestSMTPServer()
            defer { server.stop() }
            let folder = try BundledResourcesTests.deploy(withResources: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var environment = BundledResourcesTests.environment(databaseURL: database.url)
            environment["SMTP_URL"] = "smtp://127.0.0.1:\(server.port)"
            // The bootstrap admin's registration is the event whose welcome is sent.
            environment["BOOTSTRAP_ADMIN_EMAIL"] = "boss@example.com"
            environment["BOOTSTRAP_ADMIN_PASSWORD"] = "a long enough password"

            let (first, firstLog) = try BundledResourcesTests.start(in: folder, ["serve"], environment: environment)
            defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
            let pid = first.processIdentifier
            server.onMessage { _ in kill(pid, SIGKILL) }
            #expect(await eventually(timeout: .seconds(60)) { !first.isRunning }, "the welcome was never sent: \(BundledResourcesTests.text(firstLog))")
            #expect(first.terminationReason == .uncaughtSignal && first.terminationStatus == SIGKILL)
            let taken = try #require(server.received.first)
            #expect(server.received.count == 1 && taken.recipients == ["boss@example.com"])
            #expect(try await Self.sentRecords(database) == 0, "the delivery's transaction never committed")

            server.onMessage(nil)
            let (second, secondLog) = try BundledResourcesTests.start(in: folder, ["serve"], environment: environment)
            defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
            #expect(try await eventually(timeout: .seconds(30)) { try await Self.sentRecords(database) == 1 },
                    "the restarted process did not deliver the event: \(BundledResourcesTests.text(secondLog))")
            #expect(server.received.count == 2, "resent once")
            #expect(server.received.map(\.messageID) == [taken.messageID, taken.messageID] && taken.messageID != nil)

            second.terminate()
            #expect(await BundledResourcesTests.exitStatus(second) == 0)
            #expect(server.received.count == 2, "and never a third time")
        }
    }

    static func sentRecords(_ database: TestDatabase) async throws -> Int {
        // The schema exists once the first process has migrated.
        guard try await database.pool.queryFirst("SELECT to_regclass('notifications.sent_messages') IS NOT NULL")?.decode(Bool.self, at: 0) == true
        else { return 0 }
        return try await database.pool.queryFirst("SELECT count(*) FROM notifications.sent_messages")?.decode(Int.self, at: 0) ?? 0
    }
}
