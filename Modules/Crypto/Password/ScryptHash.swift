import Kernel
/// A scrypt hash in PHC string format: `$scrypt$ln=17,r=8,p=1$<salt>$<key>`, salt and key in
/// standard base64 without padding.
///
/// Parsing is strict (one spelling per hash: parameters in this order, no leading zeros, no unknown
/// parameters, canonical base64) and bounded by `ScryptParameters`' limits, so a corrupted or
/// planted string can never make verification allocate gigabytes or run for minutes.
public struct ScryptHash: Sendable, Hashable {
    /// Cost parameters; `keyLength` and `saltLength` are those of `key` and `salt`.
    public let parameters: ScryptParameters
    /// The salt.
    public let salt: [UInt8]
    /// The derived key.
    public let key: [UInt8]

    /// Longer strings are refused unread (the longest valid one is about 200 characters).
    public static let maxLength = 256

    /// A hash from its parts; nil when the lengths disagree with `parameters`.
    public init?(parameters: ScryptParameters, salt: [UInt8], key: [UInt8]) {
        guard salt.count == parameters.saltLength, key.count == parameters.keyLength else { return nil }
        self.parameters = parameters
        self.salt = salt
        self.key = key
    }

    /// The hash a PHC string describes, or nil if it is not a valid scrypt PHC string within our limits.
    public init?(phc: String) {
        let utf8 = Array(phc.utf8)
        guard utf8.count <= Self.maxLength else { return nil }
        let fields = utf8.split(separator: UInt8(ascii: "$"), omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1].elementsEqual("scrypt".utf8) else { return nil }
        let assignments = fields[2].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard assignments.count == 3,
              let logN = Self.value(of: "ln=", in: assignments[0]),
              let r = Self.value(of: "r=", in: assignments[1]),
              let p = Self.value(of: "p=", in: assignments[2]),
              let salt = Base64NoPadding.standard.decode(fields[3]),
              let key = Base64NoPadding.standard.decode(fields[4]),
              let parameters = try? ScryptParameters(logN: logN, r: r, p: p, keyLength: key.count, saltLength: salt.count)
        else { return nil }
        self.init(parameters: parameters, salt: salt, key: key)
    }

    /// The PHC string.
    public var phc: String {
        "$scrypt$ln=\(parameters.logN),r=\(parameters.r),p=\(parameters.p)$"
            + Base64NoPadding.standard.encode(salt) + "$" + Base64NoPadding.standard.encode(key)
    }

    /// The decimal after `name` (e.g. `ln=`), 1–3 digits without leading zeros.
    private static func value(of name: StaticString, in field: ArraySlice<UInt8>) -> Int? {
        let prefix = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        guard field.starts(with: prefix) else { return nil }
        let digits = field.dropFirst(prefix.count)
        guard (1...3).contains(digits.count), digits.first != UInt8(ascii: "0") else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}
