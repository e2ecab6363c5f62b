import Synchronization

/// Metrics of one name with different label values. Resolve a series once (`labels(...)`) and
/// keep it: recording on the returned object never takes the family's lock.
public final class MetricFamily<Metric: Sendable>: Sendable {
    /// The metric name.
    public let name: String
    /// The label names, in order.
    public let labelNames: [String]
    let help: String
    let make: @Sendable () -> Metric
    let series: Mutex<[(values: [String], metric: Metric)]>

    init(name: String, help: String, labelNames: [String], make: @escaping @Sendable () -> Metric) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.make = make
        series = Mutex([])
    }

    /// The series with these label values (one per label name, in order), created on first use.
    public func labels(_ values: String...) -> Metric { labels(values) }

    /// The series with these label values, created on first use.
    public func labels(_ values: [String]) -> Metric {
        series.withLock { series in
            if let existing = series.first(where: { $0.values == values }) { return existing.metric }
            let metric = make()
            series.append((values: values, metric: metric))
            return metric
        }
    }

    func snapshot() -> [(values: [String], metric: Metric)] { series.withLock { $0 } }
}
