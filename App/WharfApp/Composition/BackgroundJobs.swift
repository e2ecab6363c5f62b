import HTTPServer
import Kernel
import Logging

/// Runs every context's background jobs (`BackgroundJob`) until the task is cancelled: one loop, written once.
/// Each job runs a pass, logs and counts what it did, sleeps its interval and goes again; a failing pass is logged
/// and counted, never the end of the job. `serve` runs this next to the HTTP server and the event relay.
struct BackgroundJobs: Sendable {
    let jobs: [BackgroundJob]
    let logger: Logger
    private let passes: MetricFamily<Counter>
    private let items: MetricFamily<Counter>

    init(_ jobs: [BackgroundJob], metrics: MetricsRegistry, logger: Logger) {
        self.jobs = jobs
        self.logger = logger.named("jobs")
        passes = metrics.counter("background_job_passes_total", help: "Passes of each background job, by outcome",
                                 labelNames: ["job", "outcome"])
        items = metrics.counter("background_job_items_total", help: "Items each background job handled (rows purged, payments asked)",
                                labelNames: ["job"])
    }

    /// Runs every job until the task is cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for job in jobs { group.addTask { await loop(job) } }
        }
    }

    /// The number of passes `job` finished with `outcome` (`ok` or `failed`).
    func passes(of job: String, outcome: String = "ok") -> Int { passes.labels(job, outcome).value }

    private func loop(_ job: BackgroundJob) async {
        let (succeeded, failed, handled) = (passes.labels(job.name, "ok"), passes.labels(job.name, "failed"), items.labels(job.name))
        while !Task.isCancelled {
            do {
                let count = try await job.pass()
                succeeded.increment()
                handled.increment(by: count)
                if count > 0 { logger.info("background job pass", ["job": job.name, "items": String(count)]) }
            } catch {
                if Task.isCancelled { break }
                failed.increment()
                logger.error("background job pass failed", ["job": job.name, "error": "\(error)"])
            }
            try? await Task.sleep(for: job.interval)
        }
    }
}
