import HTTPServer
import Logging
import Synchronization
import Testing

@Suite struct OperationalRoutesTests {
    func responder(databaseUp: Bool) throws -> RouterResponder {
        let registry = MetricsRegistry()
        let router = Router()
        OperationalRoutes(registry: registry, openAPIDocument: Array(#"{"openapi":"3.1.0","paths":{}}"#.utf8)) {
            [.init(name: "database", isHealthy: databaseUp)]
        }.register(on: router)
        return try router.buildResponder(RouterConfiguration(logger: .discard, metrics: HTTPMetrics(registry: registry)))
    }

    @Test func liveAndReady() async throws {
        let up = try responder(databaseUp: true)
        let live = await up.respond(to: getRequest("/health/live"))
        #expect(live.status == .ok && live.bodyText == #"{"status":"ok"}"#)
        #expect(live.headers["Content-Type"] == "application/json")
        let ready = await up.respond(to: getRequest("/health/ready"))
        #expect(ready.status == .ok && ready.bodyText == #"{"status":"ok","checks":{"database":"ok"}}"#)
        let down = await (try responder(databaseUp: false)).respond(to: getRequest("/health/ready"))
        #expect(down.status == .serviceUnavailable && down.bodyText == #"{"status":"unavailable","checks":{"database":"unavailable"}}"#)
    }

    @Test func metricsOpenAPIAndDocs() async throws {
        let r = try responder(databaseUp: true)
        _ = await r.respond(to: getRequest("/health/live"))
        let metrics = await r.respond(to: getRequest("/metrics"))
        #expect(metrics.headers["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(metrics.bodyText.contains(#"http_requests_total{method="GET",route="/health/live",status="200"} 1"#))
        let document = await r.respond(to: getRequest("/openapi.json"))
        #expect(document.bodyText == #"{"openapi":"3.1.0","paths":{}}"#)
        let docs = await r.respond(to: getRequest("/docs"))
        #expect(docs.status == .ok && docs.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(docs.bodyText.contains("/openapi.json"))
        #expect(!docs.bodyText.contains("http://") && !docs.bodyText.contains("https://") && !docs.bodyText.contains("//cdn"))
        #expect(!docs.bodyText.contains("<link") && !docs.bodyText.contains("src="))
    }
}
