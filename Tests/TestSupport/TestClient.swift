import Foundation
import Glibc

/// A raw-socket HTTP client for tests: sends exact bytes, reads responses with deadlines, sees closes.
public final class TestClient {
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    public let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 65536)
    public private(set) var sawEOF = false

    /// Connects to 127.0.0.1:port; nil if refused.
    public init?(port: Int) {
        guard let fd = Self.connectToLoopback(port: port) else { return nil }
        self.fd = fd
    }

    /// A TCP socket connected to 127.0.0.1:port, or nil if refused. `receiveBuffer` (bytes) is set before connecting,
    /// so the window the server sees is small from the first byte.
    public static func connectToLoopback(port: Int, receiveBuffer: Int32? = nil) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard ok == 0 else {
            Glibc.close(fd)
            return nil
        }
        return fd
    }

    deinit { Glibc.close(fd) }

    public func send(_ text: String) { send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads more bytes until `deadline`; false on timeout or EOF.
    private func fill(until deadline: ContinuousClock.Instant) -> Bool {
        guard !sawEOF else { return false }
        let remaining = deadline - .now
        guard remaining > .zero else { return false }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ms = Int32(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000) + 1
        guard poll(&pfd, 1, ms) > 0 else { return false }
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
        if n <= 0 {
            sawEOF = true
            return false
        }
        if start > 65536 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    /// Reads one response (nil on timeout/close before a full one). `head` means no body follows.
    public func readResponse(head: Bool = false, timeout: Duration = .seconds(5)) -> Response? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let response = parse(head: head) { return response }
            if !fill(until: deadline) { return parse(head: head) }
        }
    }

    private func parse(head: Bool) -> Response? {
        guard buffer.count - start >= 4, let end = (start...(buffer.count - 4)).first(where: {
            buffer[$0] == 13 && buffer[$0 + 1] == 10 && buffer[$0 + 2] == 13 && buffer[$0 + 3] == 10
        }) else { return nil }
        let text = String(decoding: buffer[start..<end], as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        var response = Response(status: status, headers: headers, body: [])
        let length = head || status < 200 || status == 204 || status == 304 ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        guard buffer.count >= end + 4 + length else { return nil }
        response.body = Array(buffer[(end + 4)..<(end + 4 + length)])
        start = end + 4 + length
        return response
    }

    /// Whether the server closes the connection (EOF or reset) within `timeout`, discarding any bytes.
    public func isClosed(within timeout: Duration = .seconds(5)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !sawEOF {
            if !fill(until: deadline) { break }
        }
        return sawEOF
    }

    /// The bytes received and not yet parsed.
    public var pending: [UInt8] { Array(buffer[start...]) }
}
