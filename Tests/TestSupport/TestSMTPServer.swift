import COpenSSL
import Foundation
import Glibc
import Synchronization

/// A small SMTP server on a loopback port for tests of the mail client and of the app's mail: it speaks enough of
/// RFC 5321 (EHLO, STARTTLS, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT) and
/// records every message. `behaviour` makes it refuse (`4xx`, `5xx`) or drop the connection mid-DATA. One thread
/// per connection, blocking I/O with a 10 s receive timeout so a test that goes wrong cannot hang it.
public final class TestSMTPServer: Sendable {
    /// What the server does with the next messages.
    public enum Behaviour: Sendable, Equatable {
        /// Takes every message.
        case accept
        /// `451` to `MAIL FROM`.
        case refuseTemporarily
        /// `550` to `RCPT TO` for `recipient`, others accepted.
        case refuseRecipient(String)
        /// `554` to the end of `DATA`.
        case refuseMessage
        /// Closes the connection after the first line of `DATA`.
        case dropDuringData
    }

    /// A message the server took.
    public struct Received: Sendable, Equatable {
        public var from: String
        public var recipients: [String]
        /// As the client sent it, dot-unstuffed, CRLF line ends.
        public var data: String
        /// Whether the session was encrypted.
        public var encrypted: Bool
        /// The `Message-ID` header's value, without angle brackets.
        public var messageID: String? {
            for line in data.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("message-id:") {
                return line.dropFirst("message-id:".count).trimmingCharacters(in: CharacterSet(charactersIn: " <>"))
            }
            return nil
        }
    }

    /// Where TLS material lives and how it is offered.
    public struct TLS: Sendable {
        public var certificateFile: String
        public var keyFile: String
        /// TLS from the first byte (`smtps`); otherwise offered as `STARTTLS`.
        public var implicit: Bool
        public init(certificateFile: String, keyFile: String, implicit: Bool) {
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.implicit = implicit
        }
    }

    public let port: Int
    private let listener: Int32
    private let tls: TLS?
    private let credentials: (user: String, password: String)?
    private let state = Mutex(State())
    private let serverContext: ServerTLSContext?

    private struct State {
        var behaviour = Behaviour.accept
        var received: [Received] = []
        var connections = 0
        var commands: [String] = []
        var stopped = false
        var onMessage: (@Sendable (Received) -> Void)?
    }

    /// Listens on `port` (0: any free one) of 127.0.0.1. With `credentials`, `AUTH` is offered and required.
    public init(port: Int = 0, tls: TLS? = nil, credentials: (user: String, password: String)? = nil) throws {
        self.tls = tls
        self.credentials = credentials
        serverContext = try tls.map { try ServerTLSContext(certificateFile: $0.certificateFile, keyFile: $0.keyFile) }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw TestSMTPServerError.cannotListen(reason)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    /// A free loopback port now (for a server started later: "the mail server is down at first").
    public static func freePort() throws -> Int {
        let server = try TestSMTPServer()
        let port = server.port
        server.stop()
        return port
    }

    public var behaviour: Behaviour {
        get { state.withLock { $0.behaviour } }
        set { state.withLock { $0.behaviour = newValue } }
    }

    /// Called with each message once it is stored and before the server answers `250` (a test kills the sender
    /// there: the server has the message, the sender never hears so).
    public func onMessage(_ action: (@Sendable (Received) -> Void)?) { state.withLock { $0.onMessage = action } }

    /// Every message taken so far.
    public var received: [Received] { state.withLock { $0.received } }
    /// Connections accepted so far.
    public var connections: Int { state.withLock { $0.connections } }
    /// Every command line received, in order (AUTH arguments included: test credentials only).
    public var commands: [String] { state.withLock { $0.commands } }

    /// Stops accepting; open sessions end at their next read.
    public func stop() {
        state.withLock { $0.stopped = true }
        // Only shut down here: the accept loop closes the descriptor as it leaves, so its number cannot be reused by
        // another test's socket while the loop may still call `accept` on it.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if state.withLock({ $0.stopped }) {
                    Glibc.close(listener)
                    return
                }
                continue
            }
            if state.withLock({ $0.stopped }) {
                Glibc.close(fd)
                continue
            }
            state.withLock { $0.connections += 1 }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            Thread { [self] in
                let connection = ServerConnection(fd: fd)
                session(connection)
                connection.close()
            }.start()
        }
    }

    private func session(_ connection: ServerConnection) {
        if let tls, tls.implicit, let serverContext {
            guard connection.startTLS(serverContext) else { return }
        }
        var authenticated = credentials == nil
        var from: String?
        var recipients: [String] = []
        func reply(_ text: String) { connection.write(text + "\r\n") }
        reply("220 test.local ESMTP ready")
        while let line = connection.readLine() {
            if state.withLock({ $0.stopped }) { return }
            state.withLock { $0.commands.append(line) }
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                var lines = ["250-test.local"]
                if tls != nil, !connection.encrypted { lines.append("250-STARTTLS") }
                if credentials != nil { lines.append("250-AUTH PLAIN LOGIN") }
                lines.append("250 8BITMIME")
                connection.write(lines.joined(separator: "\r\n") + "\r\n")
            } else if upper == "STARTTLS", let serverContext, !connection.encrypted {
                reply("220 go ahead")
                guard connection.startTLS(serverContext) else { return }
            } else if upper.hasPrefix("AUTH PLAIN ") {
                let decoded = Data(base64Encoded: String(line.dropFirst("AUTH PLAIN ".count))).map { Array($0) } ?? []
                let parts = decoded.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                authenticated = parts.count == 3 && parts[1] == credentials?.user && parts[2] == credentials?.password
                reply(authenticated ? "235 ok" : "535 bad credentials")
            } else if upper == "AUTH LOGIN" {
                reply("334 VXNlcm5hbWU6")
                let user = connection.readLine().flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
                reply("334 UGFzc3dvcmQ6")
                let password = connection.readLine().flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
                authenticated = user == credentials?.user && password == credentials?.password
                reply(authenticated ? "235 ok" : "535 bad credentials")
            } else if upper.hasPrefix("MAIL FROM:") {
                guard authenticated else { reply("530 authentication required"); continue }
                if behaviour == .refuseTemporarily { reply("451 try again later"); continue }
                from = Self.address(line)
                recipients = []
                reply("250 ok")
            } else if upper.hasPrefix("RCPT TO:") {
                let recipient = Self.address(line)
                if case .refuseRecipient(let refused) = behaviour, refused == recipient {
                    reply("550 no such user")
                } else {
                    recipients.append(recipient)
                    reply("250 ok")
                }
            } else if upper == "DATA" {
                guard let sender = from, !recipients.isEmpty else { reply("503 need MAIL and RCPT"); continue }
                reply("354 end with .")
                var lines: [String] = []
                var complete = false
                while let dataLine = connection.readLine() {
                    if behaviour == .dropDuringData { return }
                    if dataLine == "." { complete = true; break }
                    lines.append(dataLine.hasPrefix(".") ? String(dataLine.dropFirst()) : dataLine)
                }
                guard complete else { return }
                if behaviour == .refuseMessage { reply("554 message refused"); continue }
                let message = Received(from: sender, recipients: recipients, data: lines.joined(separator: "\r\n") + "\r\n",
                                       encrypted: connection.encrypted)
                let action = state.withLock { state in
                    state.received.append(message)
                    return state.onMessage
                }
                action?(message)
                from = nil
                recipients = []
                reply("250 queued")
            } else if upper == "RSET" {
                from = nil
                recipients = []
                reply("250 ok")
            } else if upper == "NOOP" {
                reply("250 ok")
            } else if upper == "QUIT" {
                reply("221 bye")
                return
            } else {
                reply("502 not implemented")
            }
        }
    }

    private static func address(_ line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
        return String(line[line.index(after: open)..<close])
    }
}

enum TestSMTPServerError: Error { case cannotListen(String), tls(String) }

/// The server side of TLS for the test server: a certificate and key from files.
private final class ServerTLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init(certificateFile: String, keyFile: String) throws {
        guard let context = SSL_CTX_new(TLS_server_method()) else { throw TestSMTPServerError.tls("SSL_CTX_new") }
        pointer = context
        guard SSL_CTX_use_certificate_chain_file(context, certificateFile) == 1,
              SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
            throw TestSMTPServerError.tls("cannot load \(certificateFile) / \(keyFile)")
        }
    }

    deinit { SSL_CTX_free(pointer) }
}

/// One accepted connection, plain or TLS, read line by line.
private final class ServerConnection {
    let fd: Int32
    private var ssl: OpaquePointer?
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    var encrypted: Bool { ssl != nil }

    func startTLS(_ context: ServerTLSContext) -> Bool {
        guard let session = SSL_new(context.pointer) else { return false }
        SSL_set_fd(session, fd)
        guard SSL_accept(session) == 1 else {
            SSL_free(session)
            return false
        }
        ssl = session
        return true
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            if let ssl { _ = SSL_write(ssl, raw.baseAddress, Int32(raw.count)) } else { _ = send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL)) }
        }
    }

    func readLine() -> String? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            let count = chunk.withUnsafeMutableBytes { raw in
                if let ssl { return Int(SSL_read(ssl, raw.baseAddress, Int32(raw.count))) }
                return recv(fd, raw.baseAddress, raw.count, 0)
            }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    func close() {
        if let ssl { SSL_free(ssl) }
        ssl = nil
        Glibc.close(fd)
    }
}
