import Synchronization

/// The built-in HTTP metrics: `http_requests_total{method,route,status}` and
/// `http_request_duration_seconds{method,route}`, labelled by route template (unmatched
/// paths share the route label `unmatched`, so hostile paths cannot grow the series).
public final class HTTPMetrics: Sendable {
    let buckets: [Double]
    let series: Mutex<[String: RouteMetrics]> = Mutex([:])

    /// Registers both families in `registry`.
    public init(registry: MetricsRegistry, buckets: [Double] = Histogram.defaultBuckets) {
        self.buckets = buckets.filter(\.isFinite).sorted()
        registry.add("http_requests_total", RequestsCollector(metrics: self))
        registry.add("http_request_duration_seconds", DurationCollector(metrics: self))
    }

    /// The series for `method` and `route`, created once.
    func series(method: HTTPMethod, route: String) -> RouteMetrics {
        let key = method.rawValue + " " + route
        return series.withLock { series in
            if let existing = series[key] { return existing }
            let created = RouteMetrics(method: method, route: route, buckets: buckets)
            series[key] = created
            return created
        }
    }

    func snapshot() -> [(RouteMetrics, RouteMetrics.State)] {
        let all = series.withLock { Array($0.values) }
        return all.sorted { ($0.route, $0.method.rawValue) < ($1.route, $1.method.rawValue) }
            .map { ($0, $0.state.withLock { $0 }) }
    }

    struct RequestsCollector: MetricsCollector {
        let metrics: HTTPMetrics
        func render(into out: inout String) {
            PrometheusText.header("http_requests_total", "HTTP requests answered, by method, route template and status.", "counter", into: &out)
            for (series, state) in metrics.snapshot() {
                for (index, count) in state.statusCounts.enumerated() where count > 0 {
                    let labels = PrometheusText.labels(["method", "route", "status"], [series.method.rawValue, series.route, String(index + 100)])
                    out += "http_requests_total" + labels + " " + String(count) + "\n"
                }
            }
        }
    }

    struct DurationCollector: MetricsCollector {
        let metrics: HTTPMetrics
        func render(into out: inout String) {
            PrometheusText.header("http_request_duration_seconds", "Time to answer HTTP requests, by method and route template.", "histogram", into: &out)
            for (series, state) in metrics.snapshot() where state.count > 0 {
                let labels = PrometheusText.labels(["method", "route"], [series.method.rawValue, series.route])
                PrometheusText.histogram("http_request_duration_seconds", labels: labels, buckets: series.buckets,
                                         counts: state.bucketCounts, sum: state.sum, count: state.count, into: &out)
            }
        }
    }
}
