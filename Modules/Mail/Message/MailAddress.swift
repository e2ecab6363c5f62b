/// An email address with an optional display name (`Wharf <no-reply@example.com>`), checked so that nothing in it
/// can break a header or an SMTP command: no control characters, no `<`, `>` or spaces in the address, one `@`.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`, as it goes into `MAIL FROM` and `RCPT TO`.
    public let address: String
    /// The name shown beside the address, if any.
    public let displayName: String?

    /// Checks `address` (the bare `local@domain`) and `displayName`; nil when either cannot be used.
    public init?(address: String, displayName: String? = nil) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254,
              address.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"<>(),;:\\\"[]".unicodeScalars.contains($0) })
        else { return nil }
        if let displayName, displayName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return nil }
        self.address = address
        self.displayName = displayName.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads `Name <local@domain>` or a bare `local@domain`; nil when it is neither.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let name = String(trimmed[..<open]).trimmingWhitespace
            let unquoted = name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"") ? String(name.dropFirst().dropLast()) : name
            self.init(address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]),
                      displayName: unquoted.isEmpty ? nil : unquoted)
        } else {
            self.init(address: trimmed)
        }
    }

    /// The part after `@`, used to name Message-IDs.
    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@") ?? address.startIndex)...]) }

    /// The header form: the display name encoded (RFC 2047) or quoted when needed, then `<address>`.
    public var headerValue: String {
        guard let displayName else { return "<\(address)>" }
        return "\(EncodedWord.phrase(displayName)) <\(address)>"
    }

    public var description: String { headerValue }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
