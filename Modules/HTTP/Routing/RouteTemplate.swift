/// Path templates: joining group prefixes and splitting into literal and `{parameter}` segments.
enum RouteTemplate {
    enum Segment: Equatable {
        case literal(String)
        case parameter(String)
    }

    /// `prefix` + `path` with exactly one `/` between them; `""` and `"/"` add nothing.
    static func join(_ prefix: String, _ path: String) -> String {
        var base = prefix
        while base.hasSuffix("/") { base.removeLast() }
        var tail = Substring(path)
        while tail.hasPrefix("/") { tail = tail.dropFirst() }
        if tail.isEmpty { return base.isEmpty ? "/" : base }
        return base + "/" + tail
    }

    /// The segments of `template`, or nil when it is malformed.
    static func segments(_ template: String) -> [Segment]? {
        guard template.hasPrefix("/") else { return nil }
        if template == "/" { return [] }
        var result: [Segment] = []
        for part in template.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard !part.isEmpty else { return nil }
            if part.hasPrefix("{") {
                guard part.hasSuffix("}"), part.count > 2 else { return nil }
                let name = part.dropFirst().dropLast()
                guard !name.contains("{"), !name.contains("}") else { return nil }
                result.append(.parameter(String(name)))
            } else {
                guard !part.contains("{"), !part.contains("}") else { return nil }
                result.append(.literal(String(part)))
            }
        }
        return result
    }
}
