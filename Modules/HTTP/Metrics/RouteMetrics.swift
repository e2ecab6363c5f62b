import Synchronization

/// The request count by status and the latency histogram of one (method, route) pair, resolved
/// when the route is registered so that recording a request is one uncontended lock, no strings.
final class RouteMetrics: Sendable {
    let method: HTTPMethod
    let route: String
    let buckets: [Double]
    let state: Mutex<State>

    struct State {
        /// Indexed by status code - 100; codes outside 100...599 are clamped into that range.
        var statusCounts: [Int] = Array(repeating: 0, count: 500)
        var bucketCounts: [Int]
        var sum: Double = 0
        var count: Int = 0
    }

    init(method: HTTPMethod, route: String, buckets: [Double]) {
        self.method = method
        self.route = route
        self.buckets = buckets
        state = Mutex(State(bucketCounts: Array(repeating: 0, count: buckets.count)))
    }

    func record(status: Int, seconds: Double) {
        var bucket = buckets.count
        for (i, bound) in buckets.enumerated() where seconds <= bound {
            bucket = i
            break
        }
        let statusIndex = min(max(status, 100), 599) - 100
        state.withLock { state in
            state.statusCounts[statusIndex] += 1
            if bucket < state.bucketCounts.count { state.bucketCounts[bucket] += 1 }
            state.sum += seconds
            state.count += 1
        }
    }
}
