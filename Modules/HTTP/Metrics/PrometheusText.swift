/// Helpers for the Prometheus text exposition format 0.0.4.
enum PrometheusText {
    /// A label value with `\`, `"` and newline escaped.
    static func escapeLabelValue(_ value: String) -> String { escape(value, quotes: true) }

    /// HELP text with `\` and newline escaped.
    static func escapeHelp(_ help: String) -> String { escape(help, quotes: false) }

    static func escape(_ text: String, quotes: Bool) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x0A || (quotes && $0 == 0x22) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\"" where quotes: out += "\\\""
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
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

    /// The `_bucket`, `_sum` and `_count` samples of one histogram series.
    static func histogram(_ name: String, labels: String, buckets: [Double], counts: [Int], sum: Double, count: Int,
                          into out: inout String) {
        var cumulative = 0
        for (bound, bucketCount) in zip(buckets, counts) {
            cumulative += bucketCount
            out += name + "_bucket" + adding("le", number(bound), to: labels) + " " + String(cumulative) + "\n"
        }
        out += name + "_bucket" + adding("le", "+Inf", to: labels) + " " + String(count) + "\n"
        out += name + "_sum" + labels + " " + number(sum) + "\n"
        out += name + "_count" + labels + " " + String(count) + "\n"
    }

    static func header(_ name: String, _ help: String, _ type: String, into out: inout String) {
        out += "# HELP " + name + " " + escapeHelp(help) + "\n# TYPE " + name + " " + type + "\n"
    }
}
