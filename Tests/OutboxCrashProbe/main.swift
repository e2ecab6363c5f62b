// A process that commits an event and is killed (SIGKILL) right after COMMIT, before the bus dispatches it.
// Tests/EventBusTests runs it to prove that the relay of a restarted process delivers such an event.
import Foundation
import Kernel
import Logging
import Outbox
import Postgres

struct ParcelShipped: IntegrationEvent {
    static let name = "tests.parcel_shipped.v1"
    var parcel: String
}

let configuration = try PostgresConfiguration(url: ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "")
let pool = PostgresPool(configuration: configuration)
var busConfiguration = DurableEventBusConfiguration()
busConfiguration.lease = .milliseconds(500) // short, so the test's relay need not wait long
let bus = DurableEventBus(pool: pool, configuration: busConfiguration, logger: Logger(label: "probe"))
try bus.subscribe(ParcelShipped.self, as: "tests.crash") { event, tx in
    try await tx.execute("INSERT INTO effects VALUES (gen_random_uuid(), 'tests.crash', $1)", [.text(event.parcel)])
}
try await pool.transaction { tx in
    // After-commit hooks run in registration order: this one runs before the bus's dispatch.
    tx.afterCommit { kill(getpid(), SIGKILL) }
    try await bus.publisher(in: tx).publish(ParcelShipped(parcel: "crash"))
}
exit(3) // not reached
