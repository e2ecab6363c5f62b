import HTTPServer
import Logging
import Synchronization

/// Collects log lines in memory so tests can read what the router logged.
final class RouterLogCapture: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "http", minimumLevel: .debug) { [self] line in lines.withLock { $0.append(line) } }
    }

    var all: [String] { lines.withLock { $0 } }
}

extension HTTPResponse {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

func getRequest(_ target: String, _ headers: HTTPHeaders = [:]) -> HTTPRequest {
    HTTPRequest(method: .get, target: target, headers: headers)
}
