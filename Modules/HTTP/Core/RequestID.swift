/// Request ids: the caller's `X-Request-Id` when acceptable, else a fresh random one.
public enum RequestID {
    /// The caller's value if it is 1...128 visible ASCII characters (0x21...0x7E), else nil.
    public static func accepting(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128 else { return nil }
        return value.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E } ? value : nil
    }

    /// A new random id: 32 lower-case hex digits (128 bits from the system generator).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        for half in 0..<2 {
            var word = generator.next()
            for i in 0..<16 {
                out[half * 16 + i] = hex[Int(word & 0xF)]
                word >>= 4
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
