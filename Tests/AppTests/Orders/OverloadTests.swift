import Foundation
import HTTPServer
import Kernel
import Outbox
import Postgres
import TestSupport
import Testing
@testable import WharfApp

/// Issue 13: when the event backlog means a new order could not leave `pending` in time, `POST /v1/orders` says so
/// (`503` with `Retry-After`) instead of accepting it; replays of an existing key are still answered.
@Suite("HTTP: the order pipeline says no when it is overloaded")
struct OverloadTests {
    /// An event whose only subscriber the test pauses: it stays undelivered, so the backlog ages deterministically.
    struct PausedProbe: IntegrationEvent {
        static let name = "tests.paused_probe.v1"
        var note = "paused"
    }

    @Test func newOrdersAre503WhileTheBacklogIsTooOldAndReplaysAreStillAnswered() async throws {
        try await TestApp.run(environment: ["ORDER_BACKLOG_MAX_AGE_MS": "300"]) { app in
            let customer = try await IdempotencyKeyTests.shopWithProductA(app)
            let body = IdempotencyKeyTests.body
            let before = try await IdempotencyKeyTests.post(app, body: body, key: "before", token: customer.token)
            #expect(before.status == 201)

            let latch = Latch()
            try app.container.bus.subscribe(PausedProbe.self, as: "tests.paused") { _, _ in await latch.wait() }
            try await app.publish(PausedProbe())

            // Once the relay has sampled a backlog older than the threshold, a new order is refused.
            var refused: TestClient.Response?
            #expect(try await eventually {
                let response = try await IdempotencyKeyTests.post(app, body: body, key: nil, token: customer.token)
                if response.status == 503 { refused = response }
                return response.status == 503
            })
            #expect(refused?.code == "service_unavailable")
            #expect(Int(refused?.header("Retry-After") ?? "") ?? 0 >= 1)
            let metrics = try await app.http.send("GET", "/metrics").bodyText
            #expect(metrics.contains("eventbus_backlog_events") && metrics.contains("orders_backlog_max_age_seconds 0.3"))

            // The replay of an order accepted earlier is still answered, byte for byte.
            let replay = try await IdempotencyKeyTests.post(app, body: body, key: "before", token: customer.token)
            #expect(replay.status == 201 && replay.header("Idempotent-Replayed") == "true" && replay.body == before.body)

            // The backlog drains: orders are taken again.
            await latch.open()
            #expect(try await eventually {
                try await IdempotencyKeyTests.post(app, body: body, key: nil, token: customer.token).status == 201
            })
        }
    }
}
