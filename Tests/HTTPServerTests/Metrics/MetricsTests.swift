import HTTPServer
import Logging
import Testing

@Suite struct MetricsTests {
    @Test func exposesCountersGaugesHistogramsWithEscaping() {
        let registry = MetricsRegistry()
        let delivered = registry.counter("eventbus_delivered_total", help: "Events delivered.\nBy type \\ handler.", labelNames: ["event"])
        delivered.labels("OrderPlaced").increment()
        delivered.labels("OrderPlaced").increment(by: 2)
        delivered.labels("we\"ird\\\n").increment()
        delivered.labels("ignored").increment(by: -5)
        let pool = registry.gauge("db_pool_in_use", help: "Connections in use.")
        pool.labels().set(3)
        pool.labels().add(-1.5)
        registry.gauge("http_open_connections", help: "Open client connections.") { 7 }
        let latency = registry.histogram("db_query_seconds", help: "Query time.", buckets: [0.1, 1])
        latency.labels().observe(0.05)
        latency.labels().observe(0.5)
        latency.labels().observe(3)

        let text = registry.exposition()
        #expect(text == """
        # HELP eventbus_delivered_total Events delivered.\\nBy type \\\\ handler.
        # TYPE eventbus_delivered_total counter
        eventbus_delivered_total{event="OrderPlaced"} 3
        eventbus_delivered_total{event="we\\"ird\\\\\\n"} 1
        eventbus_delivered_total{event="ignored"} 0
        # HELP db_pool_in_use Connections in use.
        # TYPE db_pool_in_use gauge
        db_pool_in_use 1.5
        # HELP http_open_connections Open client connections.
        # TYPE http_open_connections gauge
        http_open_connections 7
        # HELP db_query_seconds Query time.
        # TYPE db_query_seconds histogram
        db_query_seconds_bucket{le="0.1"} 1
        db_query_seconds_bucket{le="1"} 2
        db_query_seconds_bucket{le="+Inf"} 3
        db_query_seconds_sum 3.55
        db_query_seconds_count 3

        """)
    }

    @Test func routerRecordsRequestsByTemplateAndStatus() async throws {
        let registry = MetricsRegistry()
        let router = Router()
        router.get("/v1/orders/{id}") { _, _ in HTTPResponse() }
        let responder = try router.buildResponder(RouterConfiguration(logger: .discard, metrics: HTTPMetrics(registry: registry, buckets: [0.5, 10])))
        _ = await responder.respond(to: getRequest("/v1/orders/1"))
        _ = await responder.respond(to: getRequest("/v1/orders/2"))
        _ = await responder.respond(to: HTTPRequest(method: .head, target: "/v1/orders/2"))
        _ = await responder.respond(to: HTTPRequest(method: .post, target: "/v1/orders/2"))
        _ = await responder.respond(to: getRequest("/secret/path/abc"))
        let text = registry.exposition()
        #expect(text.contains(#"http_requests_total{method="GET",route="/v1/orders/{id}",status="200"} 2"#))
        #expect(text.contains(#"http_requests_total{method="HEAD",route="/v1/orders/{id}",status="200"} 1"#))
        #expect(text.contains(#"http_requests_total{method="POST",route="/v1/orders/{id}",status="405"} 1"#))
        #expect(text.contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
        #expect(text.contains(#"http_request_duration_seconds_bucket{method="GET",route="/v1/orders/{id}",le="+Inf"} 2"#))
        #expect(text.contains(#"http_request_duration_seconds_count{method="GET",route="/v1/orders/{id}"} 2"#))
        #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
        #expect(!text.contains("/v1/orders/1") && !text.contains("secret"))
    }
}
