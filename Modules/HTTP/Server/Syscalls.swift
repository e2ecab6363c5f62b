import Glibc

/// The Linux calls Swift's Glibc module does not import (epoll, eventfd, accept4), resolved once with dlsym
/// so that the package needs no C shim target.
enum Syscalls {
    private typealias EpollCreate1 = @convention(c) (Int32) -> Int32
    private typealias EpollCtl = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias EpollWait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    private typealias EventFD = @convention(c) (UInt32, Int32) -> Int32
    private typealias Accept4 = @convention(c) (Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32) -> Int32

    private struct Table: @unchecked Sendable {
        let epollCreate1: EpollCreate1
        let epollCtl: EpollCtl
        let epollWait: EpollWait
        let eventFD: EventFD
        let accept4: Accept4
    }

    private static let table: Table? = {
        func symbol<T>(_ name: String, _: T.Type) -> T? {
            guard let pointer = dlsym(nil, name) else { return nil }
            return unsafeBitCast(pointer, to: T.self)
        }
        guard let create = symbol("epoll_create1", EpollCreate1.self), let ctl = symbol("epoll_ctl", EpollCtl.self),
              let wait = symbol("epoll_wait", EpollWait.self), let efd = symbol("eventfd", EventFD.self),
              let accept = symbol("accept4", Accept4.self) else { return nil }
        return Table(epollCreate1: create, epollCtl: ctl, epollWait: wait, eventFD: efd, accept4: accept)
    }()

    /// Whether the calls resolved (always on glibc Linux).
    static var available: Bool { table != nil }

    static let epollIn: UInt32 = 0x001
    static let epollOut: UInt32 = 0x004
    static let epollErr: UInt32 = 0x008
    static let epollHup: UInt32 = 0x010
    static let epollCtlAdd: Int32 = 1
    static let epollCtlDel: Int32 = 2
    static let epollCtlMod: Int32 = 3
    static let cloexec: Int32 = 0o2000000
    static let nonblock: Int32 = 0o4000

    /// `struct epoll_event` is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16 bytes).
    #if arch(x86_64)
    static let eventSize = 12
    static let eventDataOffset = 4
    #else
    static let eventSize = 16
    static let eventDataOffset = 8
    #endif

    static func epollCreate() -> Int32 { table?.epollCreate1(cloexec) ?? -1 }

    static func epollControl(_ epoll: Int32, _ op: Int32, _ fd: Int32, events: UInt32, data: UInt64) -> Int32 {
        guard let table else { return -1 }
        var storage: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &storage) { raw in
            raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: data, toByteOffset: eventDataOffset, as: UInt64.self)
            return table.epollCtl(epoll, op, fd, raw.baseAddress)
        }
    }

    /// Waits into `buffer` (room for `capacity` events); returns the count, or -1 with errno.
    static func epollWait(_ epoll: Int32, _ buffer: UnsafeMutableRawPointer, capacity: Int32, timeoutMilliseconds: Int32) -> Int32 {
        table?.epollWait(epoll, buffer, capacity, timeoutMilliseconds) ?? -1
    }

    /// The events and data of the `index`th event in an epoll_wait buffer.
    static func event(_ buffer: UnsafeMutableRawPointer, _ index: Int) -> (events: UInt32, data: UInt64) {
        let base = buffer + index &* eventSize
        return (base.loadUnaligned(as: UInt32.self), base.loadUnaligned(fromByteOffset: eventDataOffset, as: UInt64.self))
    }

    static func eventFD() -> Int32 { table?.eventFD(0, cloexec | nonblock) ?? -1 }

    /// Accepts a non-blocking, close-on-exec connection and tells its peer's address; -1 with errno when none is
    /// pending.
    static func accept(_ listener: Int32) -> (fd: Int32, peer: IPAddress?) {
        guard let table else { return (-1, nil) }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { table.accept4(listener, $0, &length, cloexec | nonblock) }
        }
        guard fd >= 0 else { return (fd, nil) }
        return (fd, peerAddress(storage))
    }

    private static func peerAddress(_ storage: sockaddr_storage) -> IPAddress? {
        var storage = storage
        return withUnsafeBytes(of: &storage) { raw -> IPAddress? in
            switch Int32(raw.load(fromByteOffset: 0, as: sa_family_t.self)) {
            case AF_INET:
                let address = raw.load(as: sockaddr_in.self).sin_addr
                return IPAddress(bytes: withUnsafeBytes(of: address) { Array($0) })
            case AF_INET6:
                let address = raw.load(as: sockaddr_in6.self).sin6_addr
                return IPAddress(bytes: withUnsafeBytes(of: address) { Array($0) })
            default:
                return nil
            }
        }
    }
}
