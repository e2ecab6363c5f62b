// A process that dies at a chosen moment, for Tests/EventBusTests (PROBE_MODE):
// - `after-commit` (default): commits an event and kills itself (SIGKILL) right after COMMIT, before the bus
//   dispatches it; the relay of a restarted process must deliver it.
// - `mid-delivery`: commits an event and starts delivering it with the production lease; its handler records that it
//   started (outside the delivery's transaction) and then hangs until the test kills the process with SIGKILL. The
//   relay of another process must deliver it once the claim lapses.
import Foundation
import Kernel
import Logging
import Outbox
import Postgres

struct ParcelShipped: IntegrationEvent {
    static let name = "tests.parcel_shipped.v1"
    var parcel: String
}

let environment = ProcessInfo.processInfo.environment
let configuration = try PostgresConfiguration(url: environment["DATABASE_URL"] ?? "")
let pool = PostgresPool(configuration: configuration)
let midDelivery = environment["PROBE_MODE"] == "mid-delivery"
var busConfiguration = DurableEventBusConfiguration()
if !midDelivery { busConfiguration.lease = .milliseconds(500) } // short, so the test's relay need not wait long
let bus = DurableEventBus(pool: pool, configuration: busConfiguration, logger: Logger(label: "probe"))
try bus.subscribe(ParcelShipped.self, as: "tests.crash") { event, tx in
    if midDelivery {
        try await pool.execute("INSERT INTO probe_progress VALUES ('delivering')")
        try await Task.sleep(for: .seconds(600))
    }
    try await tx.execute("INSERT INTO effects VALUES (gen_random_uuid(), 'tests.crash', $1)", [.text(event.parcel)])
}
if midDelivery {
    // The heartbeat renews this process's claim for as long as it lives.
    let relay = Task { await bus.run() }
    try await pool.transaction { tx in try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "crash")) }
    await relay.value
} else {
    try await pool.transaction { tx in
        // After-commit hooks run in registration order: this one runs before the bus's dispatch.
        tx.afterCommit { kill(getpid(), SIGKILL) }
        try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "crash"))
    }
}
exit(3) // not reached
