import COpenSSL
import Glibc

/// One TCP connection to the mail server, non-blocking underneath so every read and write waits at most until its
/// deadline (`poll`), optionally wrapped in TLS from the start or after `STARTTLS`. Used by one session at a time
/// (on that session's thread); not shared.
final class MailChannel {
    private var descriptor: Int32
    private var ssl: OpaquePointer?

    /// Connects to `host:port` (every address the name resolves to, in turn) within `timeout`.
    init(host: String, port: Int, timeout: Duration) throws(SMTPError) {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw .connectionFailed("\(host): " + String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(list) }
        let deadline = ContinuousClock.now + timeout
        var lastError = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { continue }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 || errno == EINPROGRESS {
                do {
                    try Self.wait(fd, for: Int16(POLLOUT), until: deadline, step: "connect to \(host):\(port)")
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                    if error == 0 {
                        descriptor = fd
                        return
                    }
                    lastError = String(cString: strerror(error))
                } catch {
                    _ = Glibc.close(fd)
                    throw error
                }
            } else {
                lastError = String(cString: strerror(errno))
            }
            _ = Glibc.close(fd)
        }
        throw .connectionFailed("\(host):\(port): \(lastError)")
    }

    deinit { close() }

    /// Whether TLS protects the connection.
    var isEncrypted: Bool { ssl != nil }

    /// Starts TLS on the connection (implicit TLS at once, or after `220` to `STARTTLS`): handshake within the
    /// deadline, the certificate verified against `context`'s trust and issued for `host`.
    func startTLS(context: TLSContext, host: String, deadline: ContinuousClock.Instant) throws(SMTPError) {
        guard let session = SSL_new(context.pointer) else { throw .tls("SSL_new failed") }
        ssl = session
        _ = SSL_set_fd(session, descriptor)
        if Self.isIPAddress(host) {
            _ = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(session), host)
        } else {
            _ = host.withCString { SSL_ctrl(session, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name), UnsafeMutableRawPointer(mutating: $0)) }
            _ = SSL_set1_host(session, host)
        }
        while true {
            let result = SSL_connect(session)
            if result == 1 { return }
            let reason = SSL_get_error(session, result)
            switch reason {
            case SSL_ERROR_WANT_READ: try Self.wait(descriptor, for: Int16(POLLIN), until: deadline, step: "TLS handshake")
            case SSL_ERROR_WANT_WRITE: try Self.wait(descriptor, for: Int16(POLLOUT), until: deadline, step: "TLS handshake")
            default:
                let verify = SSL_get_verify_result(session)
                if verify != X509_V_OK {
                    throw .tls("certificate not trusted for \(host): " + String(cString: X509_verify_cert_error_string(verify)))
                }
                throw .tls("handshake failed: \(TLSContext.lastError())")
            }
        }
    }

    /// Writes all of `bytes` before `deadline`.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(SMTPError) {
        var offset = 0
        while offset < bytes.count {
            let written: Int = bytes.withUnsafeBytes { buffer in
                let base = buffer.baseAddress.map { $0 + offset }
                if let ssl { return Int(SSL_write(ssl, base, Int32(min(bytes.count - offset, 1 << 20)))) }
                return send(descriptor, base, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                offset += written
                continue
            }
            try waitAfterFailure(result: written, step: "write", deadline: deadline)
        }
    }

    /// Reads what is available (at most `buffer.count` bytes), waiting until `deadline`; 0 at end of stream.
    func read(into buffer: inout [UInt8], deadline: ContinuousClock.Instant) throws(SMTPError) -> Int {
        while true {
            let count: Int = buffer.withUnsafeMutableBytes { raw in
                if let ssl { return Int(SSL_read(ssl, raw.baseAddress, Int32(raw.count))) }
                return recv(descriptor, raw.baseAddress, raw.count, 0)
            }
            if count > 0 { return count }
            if count == 0, ssl == nil { return 0 }
            if let ssl, count <= 0, SSL_get_error(ssl, Int32(count)) == SSL_ERROR_ZERO_RETURN { return 0 }
            if let ssl, count == 0, SSL_get_error(ssl, 0) == SSL_ERROR_SYSCALL { return 0 }
            try waitAfterFailure(result: count, step: "read", deadline: deadline)
        }
    }

    /// Closes the connection (TLS without waiting for the peer's close-notify).
    func close() {
        if let ssl {
            SSL_free(ssl)
            self.ssl = nil
        }
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    /// After a read or write that made no progress: waits for readiness when the cause is "would block", throws otherwise.
    private func waitAfterFailure(result: Int, step: String, deadline until: ContinuousClock.Instant) throws(SMTPError) {
        if let ssl {
            switch SSL_get_error(ssl, Int32(result)) {
            case SSL_ERROR_WANT_READ: try Self.wait(descriptor, for: Int16(POLLIN), until: until, step: step)
            case SSL_ERROR_WANT_WRITE: try Self.wait(descriptor, for: Int16(POLLOUT), until: until, step: step)
            default: throw .connectionLost("\(step): \(TLSContext.lastError())")
            }
            return
        }
        if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
            try Self.wait(descriptor, for: Int16(step == "read" ? POLLIN : POLLOUT), until: until, step: step)
        } else {
            throw .connectionLost("\(step): " + String(cString: strerror(errno)))
        }
    }

    private static func wait(_ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant, step: String) throws(SMTPError) {
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw .timeout(step) }
            let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            var request = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&request, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0, errno != EINTR { throw .connectionLost("\(step): " + String(cString: strerror(errno))) }
        }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
