import Kernel

/// A `Stripe-Signature` header read: `t=<unix seconds>` and every `v1=<hex>` (several during secret rotation).
/// Other schemes (`v0=`) and unknown keys are ignored, as Stripe documents; a header without `t` or without any
/// `v1` is malformed.
public struct SignatureHeader: Sendable, Equatable {
    public let timestamp: Int64
    /// The hex MACs offered, lower-cased.
    public let signatures: [String]

    /// Nil when the header is not `t=…,v1=…[,v1=…]` with a decimal `t` and at least one 64-hex-digit `v1`.
    public init?(_ header: String) {
        guard header.utf8.count <= 4096 else { return nil }
        var timestamp: Int64?
        var signatures: [String] = []
        for item in header.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            let key = pair[0].trimmingSpaces, value = pair[1].trimmingSpaces
            switch key {
            case "t":
                guard timestamp == nil, !value.isEmpty, value.utf8.count <= 12, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                      let parsed = Int64(value) else { return nil }
                timestamp = parsed
            case "v1":
                guard value.utf8.count == 64, value.utf8.allSatisfy({ HexDigit.value($0) != nil }) else { return nil }
                signatures.append(value.lowercased())
            default:
                continue
            }
        }
        guard let timestamp, !signatures.isEmpty, signatures.count <= 8 else { return nil }
        self.timestamp = timestamp
        self.signatures = signatures
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

extension SignatureHeader {
    /// How far `t` may be from now, either way (a replayed delivery is refused after this; so is a forged future one).
    public static let tolerance: Int64 = 300

    /// Whether `t` is within `tolerance` seconds of `now` (unix seconds).
    public func isFresh(now: Int64) -> Bool {
        let (difference, overflow) = now.subtractingReportingOverflow(timestamp)
        return !overflow && difference.magnitude <= UInt64(Self.tolerance)
    }
}
