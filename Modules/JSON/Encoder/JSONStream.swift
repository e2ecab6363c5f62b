/// The output of the streaming encoder: members and elements are written as JSON text the moment they
/// are encoded, into one buffer, instead of building a tree first.
///
/// Codable lets a container be filled in any order (a nested container handed out, its parent filled
/// further, then the nested one filled). Writing in order therefore keeps a stack of the open containers;
/// using one that was already closed marks the stream `outOfOrder`, after which nothing more is written and
/// `StrictJSONEncoder` encodes the value again with the tree encoder, whose output it keeps.
///
/// All mutable state lives in `state`, and each step is one mutating call on it that never calls out (a
/// value's own `encode(to:)` runs between steps), so no two accesses can overlap: the runtime exclusivity
/// check, a tenth of the encoder's instructions, is switched off for it.
final class JSONStream {
    let omitsNil: Bool
    @exclusivity(unchecked) var state = State()

    init(omitsNil: Bool) { self.omitsNil = omitsNil }

    /// An open object or array.
    struct Frame {
        /// The serial of the value slot or nested container that opened it: a container handed out holds
        /// its level and serial, and may write only while `frames[level]` still has that serial.
        let serial: Int
        let isObject: Bool
        /// Members or elements written so far.
        var count = 0
    }

    /// Where to undo a member or value that threw, so that a caller catching the error sees nothing of it
    /// (as with the tree encoder, which adds a member only once its value is complete).
    struct Mark {
        let bytes: Int
        let frames: Int
        let entries: Int
        let path: Int
        let pendingSlot: Int
    }

    struct State {
        var writer = JSONWriter(capacity: 1024)
        /// The coding path of the innermost value; a container at level `n` has `path.prefix(n)`.
        var path: [any CodingKey] = []
        /// The open containers, outermost first; the container of a value at depth `n` is `frames[n]`.
        var frames: [Frame] = []
        var lastSerial = 0
        /// The slot of the value whose encoder has not written anything yet (0 when none).
        var pendingSlot = 0
        var outOfOrder = false

        mutating func mark() -> Mark {
            Mark(bytes: writer.bytes.count, frames: frames.count, entries: frames.last?.count ?? 0, path: path.count,
                 pendingSlot: pendingSlot)
        }

        mutating func rollBack(to mark: Mark) {
            guard !outOfOrder, frames.count >= mark.frames, writer.bytes.count >= mark.bytes else { return }
            writer.bytes.removeSubrange(mark.bytes...)
            frames.removeSubrange(mark.frames...)
            if !frames.isEmpty { frames[frames.count - 1].count = mark.entries }
            if path.count > mark.path { path.removeSubrange(mark.path...) }
            pendingSlot = mark.pendingSlot
        }

        /// Makes the container at `level` the innermost again, closing the containers nested in it; false
        /// (and the stream out of order) when that container is closed already or a value is half-written.
        mutating func resume(level: Int, serial: Int) -> Bool {
            guard !outOfOrder, pendingSlot == 0, level < frames.count, frames[level].serial == serial else {
                outOfOrder = true
                return false
            }
            close(keeping: level + 1)
            if path.count > level { path.removeSubrange(level...) }
            return true
        }

        mutating func close(keeping count: Int) {
            while frames.count > count {
                writer.bytes.append(frames.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            }
        }

        /// Writes the separator and key of the next entry of the container at `level`; the mark to undo
        /// it, or nil when out of order.
        mutating func beginEntry(level: Int, serial: Int, key: String?) -> Mark? {
            guard resume(level: level, serial: serial) else { return nil }
            let mark = mark()
            if frames[level].count > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            frames[level].count += 1
            if let key {
                writer.string(key)
                writer.bytes.append(UInt8(ascii: ":"))
            }
            return mark
        }

        mutating func putEntry(level: Int, serial: Int, key: String?, node: EncodedNode) {
            if beginEntry(level: level, serial: serial, key: key) != nil { node.write(to: &writer) }
        }

        /// The index the next element of the container at `level` gets.
        func count(level: Int, serial: Int) -> Int {
            level < frames.count && frames[level].serial == serial ? frames[level].count : 0
        }

        /// Opens a container as the next entry of the container at `level` (a member named after `pathKey`,
        /// or an element when nil); its serial (-1 when out of order).
        mutating func openNested(level: Int, serial: Int, pathKey: (any CodingKey)?, isObject: Bool) -> Int {
            guard beginEntry(level: level, serial: serial, key: pathKey?.stringValue) != nil else { return -1 }
            path.append(pathKey ?? IndexKey(frames[level].count - 1))
            lastSerial += 1
            frames.append(Frame(serial: lastSerial, isObject: isObject))
            writer.bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
            return lastSerial
        }

        /// Opens the slot of a value its own encoder is about to write; `key`, if any, extends the path.
        mutating func openSlot(key: (any CodingKey)?) -> Int {
            if let key { path.append(key) }
            lastSerial += 1
            pendingSlot = lastSerial
            return lastSerial
        }

        /// Ends the value of `slot` at `depth`: `{}` if it wrote nothing (as Foundation's encoder does),
        /// its containers closed, the path back to `pathCount` keys.
        mutating func closeSlot(_ slot: Int, depth: Int, pathCount: Int) {
            guard !outOfOrder else { return }
            if pendingSlot != 0 {
                guard pendingSlot == slot else {
                    outOfOrder = true
                    return
                }
                writer.bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
                pendingSlot = 0
            }
            close(keeping: depth)
            if path.count > pathCount { path.removeSubrange(pathCount...) }
        }

        /// Claims the still empty `slot` for a value written by its single value container.
        mutating func fill(slot: Int) -> Bool {
            guard !outOfOrder, pendingSlot == slot else {
                outOfOrder = true
                return false
            }
            pendingSlot = 0
            return true
        }

        mutating func fill(slot: Int, with node: EncodedNode) {
            if fill(slot: slot) { node.write(to: &writer) }
        }

        /// The mark to undo a value about to fill the still empty `slot`, or nil when out of order.
        mutating func markSlot(_ slot: Int) -> Mark? {
            guard !outOfOrder, pendingSlot == slot else {
                outOfOrder = true
                return nil
            }
            return mark()
        }

        /// Opens the container of the value of `slot` at `depth`; false when out of order. Asking the same
        /// encoder again for a container of the same kind gets the one already open (a subclass and its
        /// superclass encoding into one encoder), as with the tree encoder.
        mutating func openContainer(slot: Int, depth: Int, isObject: Bool) -> Bool {
            guard !outOfOrder else { return false }
            if pendingSlot == slot, frames.count == depth {
                pendingSlot = 0
                frames.append(Frame(serial: slot, isObject: isObject))
                writer.bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
                return true
            }
            if pendingSlot == 0, depth < frames.count, frames[depth].serial == slot, frames[depth].isObject == isObject {
                return true
            }
            outOfOrder = true
            return false
        }
    }

    /// Encodes `value` with its own `encode(to:)` as the value at `depth`, undoing everything it wrote if
    /// it throws.
    func encodeValue<T: Encodable>(_ value: T, depth: Int, key: (any CodingKey)?, mark: Mark) throws {
        let slot = state.openSlot(key: key)
        do {
            try value.encode(to: StreamingEncoder(stream: self, depth: depth, slot: slot))
        } catch {
            state.rollBack(to: mark)
            throw error
        }
        state.closeSlot(slot, depth: depth, pathCount: key == nil ? depth : depth - 1)
    }
}
