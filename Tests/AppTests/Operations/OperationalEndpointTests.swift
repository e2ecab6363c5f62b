import Foundation
import Postgres
import TestSupport
import Testing
@testable import WharfApp

@Suite("Operational endpoints")
struct OperationalEndpointTests {
    @Test func liveAndReady() async throws {
        try await TestApp.run { app in
            let live = try await app.http.send("GET", "/health/live")
            #expect(live.status == 200 && live.bodyText == #"{"status":"ok"}"#)
            let ready = try await app.http.send("GET", "/health/ready")
            #expect(ready.status == 200)
            #expect((ready.object["checks"] as? [String: String]) == ["database": "ok"])
        }
    }

    /// One process loses its database (its pool closed): inherently one process.
    @Test func readinessIs503AndBusinessEndpointsAre503WhenTheDatabaseIsGone() async throws {
        try await TestApp.run(processes: 1) { app in
            // Close the pool: every later query fails as if the database were unreachable.
            await app.container.pool.close()
            let ready = try await app.http.send("GET", "/health/ready")
            #expect(ready.status == 503)
            #expect((ready.object["checks"] as? [String: String])?["database"] != "ok")
            let login = try await app.http.json("POST", "/v1/auth/login", ["email": "a@example.com", "password": "whatever-1"])
            #expect(login.status == 503 && login.code == "service_unavailable")
            #expect(!login.bodyText.lowercased().contains("postgres") && !login.bodyText.contains("SELECT"))
        }
    }

    /// A process's metrics are its own: inherently one process.
    @Test func metricsExposeRequestsPoolAndBus() async throws {
        try await TestApp.run(processes: 1) { app in
            _ = try await app.http.send("GET", "/health/live")
            let metrics = try await app.http.send("GET", "/metrics")
            #expect(metrics.status == 200)
            let text = metrics.bodyText
            #expect(text.contains("http_requests_total{"))
            #expect(text.contains("route=\"/health/live\""))
            #expect(text.contains("db_pool_connections"))
            #expect(text.contains("eventbus_delivered_total"))
        }
    }

    @Test func everyResponseCarriesARequestIdAndEchoesAnAcceptableOne() async throws {
        try await TestApp.run { app in
            let mine = try await app.http.send("GET", "/health/live", headers: [("X-Request-Id", "abc-123")])
            #expect(mine.header("X-Request-Id") == "abc-123")
            let tooLong = try await app.http.send("GET", "/nowhere", headers: [("X-Request-Id", String(repeating: "x", count: 129))])
            #expect(tooLong.status == 404)
            let generated = try #require(tooLong.header("X-Request-Id"))
            #expect(generated.count == 32 && tooLong.object["requestId"] as? String == generated)
        }
    }

    @Test func theBenchmarkEchoRouteExistsOnlyWhenAskedFor() async throws {
        try await TestApp.run { app in
            let absent = try await app.http.json("POST", "/v1/echo", ["a": 1])
            #expect(absent.status == 404)
        }
        try await TestApp.run(environment: ["BENCHMARK_ROUTES": "true"]) { app in
            let echo = try await app.http.json("POST", "/v1/echo", ["name": "chair", "tags": ["a", "b"], "n": 3])
            #expect(echo.status == 200)
            #expect(echo.object["name"] as? String == "chair" && echo.object["n"] as? Int == 3)
        }
    }
}
