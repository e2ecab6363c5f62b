public import Kernel

/// A member's value in an audit entry, as JSON: text, a whole number, a flag, a list of texts, money, or `null`.
public enum AuditValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    case flag(Bool)
    case texts([String])
    case money(Money)

    /// `text` of an optional string, `null` when absent.
    public static func optional(_ text: String?) -> AuditValue { text.map(AuditValue.text) ?? .null }
}

extension AuditValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
        else if let integer = try? container.decode(Int64.self) { self = .integer(integer) }
        else if let text = try? container.decode(String.self) { self = .text(text) }
        else if let texts = try? container.decode([String].self) { self = .texts(texts) }
        else { self = .money(try container.decode(Money.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .text(let text): try container.encode(text)
        case .integer(let integer): try container.encode(integer)
        case .flag(let flag): try container.encode(flag)
        case .texts(let texts): try container.encode(texts)
        case .money(let money): try container.encode(money)
        }
    }
}
