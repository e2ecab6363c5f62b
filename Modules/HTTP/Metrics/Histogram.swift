import Synchronization

/// Observations counted into fixed cumulative buckets, with their sum and count.
public final class Histogram: Sendable {
    /// Upper bounds, ascending; `+Inf` is implicit.
    public let buckets: [Double]
    let state: Mutex<State>

    struct State {
        var counts: [Int]
        var sum: Double = 0
        var count: Int = 0
    }

    /// The default latency buckets, in seconds.
    public static let defaultBuckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    init(buckets: [Double]) {
        let sorted = buckets.filter(\.isFinite).sorted()
        self.buckets = sorted
        state = Mutex(State(counts: Array(repeating: 0, count: sorted.count)))
    }

    /// Records one observation.
    public func observe(_ value: Double) {
        let index = buckets.firstIndex { value <= $0 }
        state.withLock { state in
            if let index { state.counts[index] += 1 }
            state.sum += value
            state.count += 1
        }
    }

    func render(name: String, labels: String, into out: inout String) {
        let snapshot = state.withLock { $0 }
        PrometheusText.histogram(name, labels: labels, buckets: buckets, counts: snapshot.counts,
                                 sum: snapshot.sum, count: snapshot.count, into: &out)
    }
}
