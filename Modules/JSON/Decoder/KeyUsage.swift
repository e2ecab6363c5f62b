/// Which members of one JSON object a decode read, and the usage of the values below it, by
/// member (or element) index — no hashing on the hot path. Built while decoding, then compared
/// with the document to find the unknown fields. Confined to one synchronous decode.
final class KeyUsage {
    /// Whether a keyed container was opened on this value (only then are its keys checked).
    var opened = false
    var consumed: [Bool] = []
    var children: [KeyUsage?] = []

    /// Marks this value as an object of `count` members read through a keyed container.
    func openObject(count: Int) {
        guard !opened else { return }
        opened = true
        consumed = Array(repeating: false, count: count)
        if children.count != count { children = Array(repeating: nil, count: count) }
    }

    /// Marks this value as an array of `count` elements.
    func openArray(count: Int) {
        if children.count != count { children = Array(repeating: nil, count: count) }
    }

    /// The usage of member or element `index`, created on first use.
    func child(at index: Int) -> KeyUsage {
        if index < children.count, let existing = children[index] { return existing }
        let usage = KeyUsage()
        if index < children.count { children[index] = usage }
        return usage
    }

    /// Appends the paths of members present in `value` that the decode never read, recursively.
    func collectUnknown(in value: JSONValue, path: String, into unknown: inout [String]) {
        switch value {
        case let .object(members) where opened:
            for (index, member) in members.enumerated() {
                let memberPath = CodingPathText.appending(key: member.key, to: path)
                if index >= consumed.count || !consumed[index] {
                    unknown.append(memberPath)
                } else if index < children.count, let child = children[index] {
                    child.collectUnknown(in: member.value, path: memberPath, into: &unknown)
                }
            }
        case let .array(elements):
            for (index, element) in elements.enumerated() where index < children.count {
                children[index]?.collectUnknown(in: element, path: path + "[\(index)]", into: &unknown)
            }
        default:
            return
        }
    }
}
