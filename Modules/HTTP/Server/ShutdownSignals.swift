import Dispatch
import Glibc

/// Turns `SIGTERM` and `SIGINT` into `HTTPServer.shutdown()`. The signals' default actions are disabled
/// while it is alive, so the process exits 0 after `run()` returns instead of dying mid-request.
/// Keep it alive for as long as the server runs; `cancel()` restores the default actions.
public final class ShutdownSignals: @unchecked Sendable {
    // Written once in init, only cancelled afterwards; DispatchSource itself is thread-safe.
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    /// Installs handlers on a dedicated serial queue that call `server.shutdown()` (idempotent, so a second
    /// signal is harmless). `signals` defaults to `SIGTERM` and `SIGINT`.
    public init(server: HTTPServer, signals: [Int32]? = nil) {
        let signals = signals ?? [SIGTERM, SIGINT]
        let queue = DispatchQueue(label: "wharf.http.signals")
        self.signals = signals
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { server.shutdown() }
            source.resume()
            return source
        }
    }

    /// Stops listening for the signals and restores their default actions.
    public func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
