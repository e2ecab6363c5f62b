/// Helpers for the Prometheus text exposition format 0.0.4.
enum PrometheusText {
    /// A label value with `\`, `"` and newline escaped.
    static func escapeLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// HELP text with `\` and newline escaped.
    static func escapeHelp(_ help: String) -> String {
        help.replacingBackslashAndNewline()
    }

    /// `{a="x",b="y"}`, or "" without labels.
    static func labels(_ names: [String], _ values: [String]) -> String {
        guard !names.isEmpty else { return "" }
        var out = "{"
        for (i, name) in names.enumerated() {
            if i > 0 { out += "," }
            out += name + "=\"" + escapeLabelValue(i < values.count ? values[i] : "") + "\""
        }
        return out + "}"
    }

    /// A label set with one more label appended (`le` for buckets).
    static func adding(_ name: String, _ value: String, to labels: String) -> String {
        let pair = name + "=\"" + value + "\""
        return labels.isEmpty ? "{" + pair + "}" : String(labels.dropLast()) + "," + pair + "}"
    }

    /// A sample value: integers without a fraction, `+Inf`/`-Inf`/`NaN` as Prometheus spells them.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    static func header(_ name: String, _ help: String, _ type: String, into out: inout String) {
        out += "# HELP " + name + " " + escapeHelp(help) + "\n# TYPE " + name + " " + type + "\n"
    }
}

extension String {
    fileprivate func replacingBackslashAndNewline() -> String {
        guard utf8.contains(where: { $0 == 0x5C || $0 == 0x0A }) else { return self }
        var out = ""
        for character in unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
