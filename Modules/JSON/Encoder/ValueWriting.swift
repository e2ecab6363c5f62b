/// The unkeyed and single value containers of both encoders: every scalar overload funnels into `put`,
/// every other value into `putValue`.
protocol ValueWriting {
    /// Where the value being written sits, for errors.
    var valuePath: [any CodingKey] { get }
    mutating func put(_ node: EncodedNode)
    mutating func putValue<T: Encodable>(_ value: T) throws
}

extension ValueWriting {
    @inline(__always) mutating func encodeNil() { put(.null) }
    @inline(__always) mutating func encode(_ value: Bool) { put(.bool(value)) }
    @inline(__always) mutating func encode(_ value: String) { put(.string(value)) }
    @inline(__always) mutating func encode(_ value: Double) throws { put(try EncodedNode.finite(value, valuePath)) }
    @inline(__always) mutating func encode(_ value: Float) throws { put(try EncodedNode.finite(Double(value), valuePath)) }
    @inline(__always) mutating func encode(_ value: Int) { put(.int(Int64(value))) }
    @inline(__always) mutating func encode(_ value: Int8) { put(.int(Int64(value))) }
    @inline(__always) mutating func encode(_ value: Int16) { put(.int(Int64(value))) }
    @inline(__always) mutating func encode(_ value: Int32) { put(.int(Int64(value))) }
    @inline(__always) mutating func encode(_ value: Int64) { put(.int(value)) }
    @inline(__always) mutating func encode(_ value: UInt) { put(.uint(UInt64(value))) }
    @inline(__always) mutating func encode(_ value: UInt8) { put(.uint(UInt64(value))) }
    @inline(__always) mutating func encode(_ value: UInt16) { put(.uint(UInt64(value))) }
    @inline(__always) mutating func encode(_ value: UInt32) { put(.uint(UInt64(value))) }
    @inline(__always) mutating func encode(_ value: UInt64) { put(.uint(value)) }
    @inline(__always) mutating func encode<T: Encodable>(_ value: T) throws { try putValue(value) }
}
