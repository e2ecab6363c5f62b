/// When a required member is missing, the member the caller most likely meant instead: one the type does not
/// declare whose name is the missing one up to case and at most two edits (`nme` for `name`). Reporting that
/// member as `422 unknown_field` points at the typo, rather than at a member the caller believes they sent.
enum MisspelledMember {
    /// The first member that `isDeclared` rejects and that looks like `missing`.
    static func find(missing: String, among members: [(key: String, value: JSONValue)],
                     isDeclared: (String) -> Bool) -> String? {
        let wanted = Array(missing.lowercased().unicodeScalars)
        return members.first { member in
            !isDeclared(member.key) && distance(Array(member.key.lowercased().unicodeScalars), wanted) <= 2
        }?.key
    }

    /// Levenshtein distance, cut off at 3 (anything further is not a typo; keeps a hostile name cheap).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard abs(a.count - b.count) <= 2, a.count <= 256 else { return 3 }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            if (current.min() ?? 0) > 2 { return 3 }
            previous = current
        }
        return previous[b.count]
    }
}
