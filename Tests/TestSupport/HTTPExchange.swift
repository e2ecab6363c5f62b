import Foundation
import Synchronization

/// One request/response over a fresh connection, for tests of the real server. The blocking socket work runs on
/// its own thread, so awaiting it never ties up the cooperative pool the server's own tasks need.
public struct HTTPExchange: Sendable {
    /// The first server's port (where raw connections and pinned requests go).
    public let port: Int
    /// Every server's port: requests take them in turn, so with two servers on one database consecutive requests of
    /// a test land on different processes.
    public let ports: [Int]
    private let turn = Turn()
    /// Runs on every response before it is returned: a place for invariants every test must respect.
    let inspect: @Sendable (TestClient.Response) -> Void

    public init(port: Int, inspect: @escaping @Sendable (TestClient.Response) -> Void = { _ in }) {
        self.init(ports: [port], inspect: inspect)
    }

    /// An exchange spreading its requests over `ports` (at least one), in turn.
    public init(ports: [Int], inspect: @escaping @Sendable (TestClient.Response) -> Void = { _ in }) {
        precondition(!ports.isEmpty, "an exchange needs a server")
        self.port = ports[0]
        self.ports = ports
        self.inspect = inspect
    }

    /// The same exchange talking to the first server only: for what one process alone can answer (its own metrics).
    public var pinned: HTTPExchange { HTTPExchange(ports: [port], inspect: inspect) }

    /// Whose turn it is among the servers.
    private final class Turn: Sendable {
        private let next = Atomic<Int>(0)
        func take(of count: Int) -> Int { count == 1 ? 0 : next.add(1, ordering: .relaxed).oldValue % count }
    }

    /// Sends `method path` with `headers` (Host, Content-Length and Connection: close are added) and `body`.
    public func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [],
                     timeout: Duration = .seconds(30)) async throws -> TestClient.Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { head += "Content-Length: \(body.count)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        let port = ports[turn.take(of: ports.count)]
        let isHead = method == "HEAD"
        let response: TestClient.Response = try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                guard let client = TestClient(port: port) else {
                    continuation.resume(throwing: HTTPExchangeError.connectionRefused(port: port))
                    return
                }
                client.send(bytes)
                if let response = client.readResponse(head: isHead, timeout: timeout) {
                    continuation.resume(returning: response)
                } else {
                    continuation.resume(throwing: HTTPExchangeError.noResponse(method: method, path: path))
                }
            }
            thread.start()
        }
        inspect(response)
        return response
    }

    /// Sends a JSON body (`Content-Type: application/json`), with an optional bearer token.
    public func json(_ method: String, _ path: String, _ body: Any? = nil, token: String? = nil,
                     headers: [(String, String)] = []) async throws -> TestClient.Response {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        var bytes: [UInt8] = []
        if let body {
            all.append(("Content-Type", "application/json"))
            bytes = Array(try JSONSerialization.data(withJSONObject: body))
        }
        return try await send(method, path, headers: all, body: bytes)
    }
}

public enum HTTPExchangeError: Error {
    case connectionRefused(port: Int)
    case noResponse(method: String, path: String)
}

extension TestClient.Response {
    /// The body parsed as a JSON object (empty when it is not one).
    public var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// The problem+json `code`, if any.
    public var code: String? { object["code"] as? String }
}
