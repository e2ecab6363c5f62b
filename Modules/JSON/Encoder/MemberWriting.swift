/// The keyed container of both encoders: every scalar overload funnels into `put`, every other value into
/// `putValue`. It implements each `encodeIfPresent` so that synthesized `Encodable` writes `nil` members as
/// `null` (unless `omitsNil`).
protocol MemberWriting: KeyedEncodingContainerProtocol {
    var omitsNil: Bool { get }
    mutating func put(_ node: EncodedNode, forKey key: Key)
    mutating func putValue<T: Encodable>(_ value: T, forKey key: Key) throws
    /// Class hierarchies encode the superclass as a keyed object: the container places that object where
    /// this is called, and the returned encoder's keyed container fills it in. (A super value that is not
    /// an object is not supported.)
    mutating func superEncoder(named key: NameKey) -> any Encoder
}

// Inlined into each conformance's witnesses: otherwise every member would look up the witness table of the
// generic container (`StreamingKeyedContainer<Key>: MemberWriting`) at run time to reach `put`.
extension MemberWriting {
    @inline(__always) mutating func encodeNil(forKey key: Key) { put(.null, forKey: key) }
    @inline(__always) mutating func encode(_ value: Bool, forKey key: Key) { put(.bool(value), forKey: key) }
    @inline(__always) mutating func encode(_ value: String, forKey key: Key) { put(.string(value), forKey: key) }
    @inline(__always) mutating func encode(_ value: Double, forKey key: Key) throws {
        put(try EncodedNode.finite(value, codingPath + [key]), forKey: key)
    }
    @inline(__always) mutating func encode(_ value: Float, forKey key: Key) throws {
        put(try EncodedNode.finite(Double(value), codingPath + [key]), forKey: key)
    }
    @inline(__always) mutating func encode(_ value: Int, forKey key: Key) { put(.int(Int64(value)), forKey: key) }
    @inline(__always) mutating func encode(_ value: Int8, forKey key: Key) { put(.int(Int64(value)), forKey: key) }
    @inline(__always) mutating func encode(_ value: Int16, forKey key: Key) { put(.int(Int64(value)), forKey: key) }
    @inline(__always) mutating func encode(_ value: Int32, forKey key: Key) { put(.int(Int64(value)), forKey: key) }
    @inline(__always) mutating func encode(_ value: Int64, forKey key: Key) { put(.int(value), forKey: key) }
    @inline(__always) mutating func encode(_ value: UInt, forKey key: Key) { put(.uint(UInt64(value)), forKey: key) }
    @inline(__always) mutating func encode(_ value: UInt8, forKey key: Key) { put(.uint(UInt64(value)), forKey: key) }
    @inline(__always) mutating func encode(_ value: UInt16, forKey key: Key) { put(.uint(UInt64(value)), forKey: key) }
    @inline(__always) mutating func encode(_ value: UInt32, forKey key: Key) { put(.uint(UInt64(value)), forKey: key) }
    @inline(__always) mutating func encode(_ value: UInt64, forKey key: Key) { put(.uint(value), forKey: key) }
    @inline(__always) mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try putValue(value, forKey: key) }

    @inline(__always) mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else if !omitsNil { put(.null, forKey: key) }
    }

    @inline(__always) mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }
    @inline(__always) mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }

    mutating func superEncoder() -> any Encoder { superEncoder(named: NameKey("super")) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: NameKey(key.stringValue)) }
}
