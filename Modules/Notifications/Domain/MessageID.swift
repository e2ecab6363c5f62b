public import Foundation

/// A message's `Message-ID` (without angle brackets), derived from the event that caused it and its recipients:
/// a retried delivery of the same event produces the same id, so the rare resend after a crash (ADR 19) is
/// recognisable as the same message. The recipients are hashed (FNV-1a, 64 bits), never shown.
public enum MessageID {
    public static func derive(eventId: UUID, recipients: [Recipient], domain: String) -> String {
        let key = recipients.map { $0.email.lowercased() }.sorted().joined(separator: ",")
        let hash = key.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        let hex = String(hash, radix: 16)
        return "\(eventId.uuidString.lowercased()).\(String(repeating: "0", count: 16 - hex.count))\(hex)@\(domain)"
    }
}
