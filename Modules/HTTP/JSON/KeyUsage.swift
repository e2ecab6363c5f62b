/// Which members of one JSON object a decode read, and the usage of the values below it.
/// Built while decoding, then compared with the document to find the unknown fields.
/// Confined to one synchronous decode, so a plain class is safe.
final class KeyUsage {
    /// Whether a keyed container was opened on this value (only then are its keys checked).
    var opened = false
    var consumed: Set<String> = []
    var children: [String: KeyUsage] = [:]
    var elements: [Int: KeyUsage] = [:]

    func child(_ key: String) -> KeyUsage {
        if let existing = children[key] { return existing }
        let usage = KeyUsage()
        children[key] = usage
        return usage
    }

    func element(_ index: Int) -> KeyUsage {
        if let existing = elements[index] { return existing }
        let usage = KeyUsage()
        elements[index] = usage
        return usage
    }

    /// Appends the paths of members present in `value` that the decode never read, recursively.
    func collectUnknown(in value: JSONValue, path: String, into unknown: inout [String]) {
        switch value {
        case let .object(members) where opened:
            for member in members {
                let memberPath = CodingPathText.appending(key: member.key, to: path)
                if !consumed.contains(member.key) {
                    unknown.append(memberPath)
                } else if let child = children[member.key] {
                    child.collectUnknown(in: member.value, path: memberPath, into: &unknown)
                }
            }
        case let .array(elements):
            for (index, element) in elements.enumerated() {
                if let usage = self.elements[index] {
                    usage.collectUnknown(in: element, path: path + "[\(index)]", into: &unknown)
                }
            }
        default:
            return
        }
    }
}
