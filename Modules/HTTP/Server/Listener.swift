import Glibc

/// Creates `SO_REUSEPORT` listening sockets, one per event loop, so the kernel spreads connections over the loops.
enum Listener {
    /// The first listener of a server. `SO_REUSEPORT` would let it silently share a port another process of
    /// the same user already serves, so a fixed port is first probed with a plain bind that fails if taken.
    static func openFirst(host: String, port: Int, backlog: Int) throws(HTTPServerError) -> Int32 {
        if port != 0 {
            let probe = try open(host: host, port: port, backlog: backlog, reusePort: false, listening: false)
            close(probe)
        }
        return try open(host: host, port: port, backlog: backlog)
    }

    /// A bound, listening, non-blocking socket.
    static func open(host: String, port: Int, backlog: Int, reusePort: Bool = true,
                     listening: Bool = true) throws(HTTPServerError) -> Int32 {
        guard port >= 0, port <= 65_535 else { throw HTTPServerError("invalid port \(port)") }
        let address = host == "localhost" ? "127.0.0.1" : host
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, address, &v4.sin_addr) == 1 {
            family = AF_INET
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(port).bigEndian)
        } else if inet_pton(AF_INET6, address, &v6.sin6_addr) == 1 {
            family = AF_INET6
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(port).bigEndian)
        } else {
            throw HTTPServerError("host must be an IP address or localhost: \(host)")
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Syscalls.nonblock | Syscalls.cloexec, 0)
        guard fd >= 0 else { throw HTTPServerError("socket", errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if reusePort { setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size)) }
        let bound: Int32 = family == AF_INET
            ? withUnsafePointer(to: &v4) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            : withUnsafePointer(to: &v6) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw HTTPServerError("bind \(host):\(port)", errno: code)
        }
        guard listening else { return fd }
        guard listen(fd, Int32(clamping: backlog)) == 0 else {
            let code = errno
            close(fd)
            throw HTTPServerError("listen", errno: code)
        }
        return fd
    }

    /// The port a socket is bound to (to learn the one picked for port 0).
    static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard ok == 0 else { return 0 }
        // sin_port and sin6_port sit at the same offset.
        return Int(UInt16(bigEndian: storage.sin6_port))
    }
}
