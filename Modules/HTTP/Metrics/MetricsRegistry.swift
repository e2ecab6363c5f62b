import Synchronization

/// A thread-safe Prometheus registry. Modules register their metrics at start-up and keep the
/// returned objects; `exposition()` renders everything in registration order (format 0.0.4).
public final class MetricsRegistry: Sendable {
    let collectors: Mutex<[(name: String, collector: any MetricsCollector)]> = Mutex([])

    /// An empty registry.
    public init() {}

    /// The `Content-Type` of `exposition()`.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Registers a counter family (`labelNames` empty for a single series: call `labels()`).
    public func counter(_ name: String, help: String, labelNames: [String] = []) -> MetricFamily<Counter> {
        let family = MetricFamily<Counter>(name: name, help: help, labelNames: labelNames) { Counter() }
        add(name, CounterFamilyCollector(family: family))
        return family
    }

    /// Registers a gauge family.
    public func gauge(_ name: String, help: String, labelNames: [String] = []) -> MetricFamily<Gauge> {
        let family = MetricFamily<Gauge>(name: name, help: help, labelNames: labelNames) { Gauge() }
        add(name, GaugeFamilyCollector(family: family))
        return family
    }

    /// Registers a gauge read from `value` at each scrape (pool sizes, open connections).
    /// `value` must be cheap and thread-safe.
    public func gauge(_ name: String, help: String, value: @escaping @Sendable () -> Double) {
        add(name, CallbackGaugeCollector(name: name, help: help, value: value))
    }

    /// Registers a counter family read from `values` at each scrape, one series per label value (counts a module
    /// keeps itself, such as messages sent per kind). `values` must be cheap and thread-safe.
    public func counter(_ name: String, help: String, labelName: String,
                        values: @escaping @Sendable () -> [(label: String, value: Int)]) {
        add(name, CallbackCounterFamilyCollector(name: name, help: help, labelName: labelName, values: values))
    }

    /// Registers a histogram family with fixed bucket upper bounds.
    public func histogram(_ name: String, help: String, labelNames: [String] = [],
                          buckets: [Double] = Histogram.defaultBuckets) -> MetricFamily<Histogram> {
        let family = MetricFamily<Histogram>(name: name, help: help, labelNames: labelNames) { Histogram(buckets: buckets) }
        add(name, HistogramFamilyCollector(family: family))
        return family
    }

    func add(_ name: String, _ collector: any MetricsCollector) {
        // A second registration of a name replaces the first: one family per name in the output.
        collectors.withLock { collectors in
            collectors.removeAll { $0.name == name }
            collectors.append((name: name, collector: collector))
        }
    }

    /// The text exposition of every registered metric.
    public func exposition() -> String {
        let snapshot = collectors.withLock { $0 }
        var out = ""
        out.reserveCapacity(4096)
        for entry in snapshot { entry.collector.render(into: &out) }
        return out
    }
}
