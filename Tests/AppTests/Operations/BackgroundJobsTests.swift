import HTTPServer
import Kernel
import Logging
import Synchronization
import TestSupport
import Testing
@testable import WharfApp

@Suite("Background jobs: one loop for every context's jobs")
struct BackgroundJobsTests {
    struct Refused: Error {}

    @Test func aFailingPassIsCountedAndTheJobGoesOn() async throws {
        let calls = Atomic<Int>(0)
        let job = BackgroundJob(name: "tests.flaky", every: .milliseconds(5)) {
            let call = calls.add(1, ordering: .relaxed).newValue
            if call == 1 { throw Refused() }
            return 2
        }
        let logs = Logger.Capture()
        let jobs = BackgroundJobs([job], metrics: MetricsRegistry(), logger: Logger(label: "t", minimumLevel: .info, sink: logs.sink))
        let running = Task { await jobs.run() }
        #expect(await eventually { jobs.passes(of: "tests.flaky") >= 2 })
        running.cancel()
        await running.value
        #expect(jobs.passes(of: "tests.flaky", outcome: "failed") == 1)
        #expect(logs.lines.contains { $0.contains("background job pass failed") && $0.contains("tests.flaky") })
    }

    @Test func everyContextsJobsAreRunByServe() async throws {
        try await TestApp.run { app in
            #expect(Set(app.container.jobs.jobs.map(\.name)) == [
                "orders.idempotency_key_purge", "orders.payment_deadline", "payments.reconciliation", "payments.webhook_event_purge",
                "payments.idempotency_key_purge",
                "users.refresh_token_purge", "users.login_failure_purge", "eventbus.completed_event_purge",
                "notifications.sent_message_purge",
            ])
        }
    }
}
