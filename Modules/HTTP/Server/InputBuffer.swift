import Glibc

/// A connection's read buffer: bytes are read in at the end and consumed from the front; it grows by
/// doubling up to `maximum` and compacts when the front is consumed, so memory per connection is bounded.
struct InputBuffer: ~Copyable {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    private var start = 0
    private var end = 0
    private let maximum: Int

    private static let initialCapacity = 4096
    private static let minimumRead = 2048

    init(maximum: Int) { self.maximum = max(maximum, Self.initialCapacity) }

    deinit { base?.deallocate() }

    var isEmpty: Bool { start == end }
    var unreadCount: Int { end &- start }
    /// Whether a read could add bytes without growing past the maximum.
    var hasRoom: Bool { capacity &- unreadCount > 0 || capacity < maximum }

    /// Reads once from `fd`: the byte count, 0 at end of stream, or -1 with `errno` set.
    mutating func read(from fd: Int32) -> Int {
        makeRoom()
        guard let base, capacity > end else {
            errno = EAGAIN
            return -1
        }
        let count = Glibc.read(fd, base + end, capacity &- end)
        if count > 0 { end &+= count }
        return count
    }

    /// Calls `body` with the unread bytes.
    func withUnread<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: base.map { $0 + start }, count: end &- start))
    }

    mutating func consume(_ count: Int) {
        start &+= min(count, end &- start)
        if start == end {
            start = 0
            end = 0
        }
    }

    mutating func clear() {
        start = 0
        end = 0
    }

    /// Frees the memory; the buffer is empty afterwards and may be reused.
    mutating func release() {
        base?.deallocate()
        base = nil
        capacity = 0
        clear()
    }

    private mutating func makeRoom() {
        if capacity &- end >= Self.minimumRead { return }
        if start > 0, let base {
            memmove(base, base + start, end &- start)
            end &-= start
            start = 0
            if capacity &- end >= Self.minimumRead { return }
        }
        guard capacity < maximum else { return }
        let grown = min(maximum, max(Self.initialCapacity, capacity &* 2))
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        if let base {
            bigger.copyMemory(from: base + start, byteCount: end &- start)
            base.deallocate()
        }
        end &-= start
        start = 0
        base = bigger
        capacity = grown
    }
}
