// libFuzzer entry for the `Stripe-Signature` header reader (Modules/Payments/Domain/SignatureHeader.swift), which
// reads a header of every unauthenticated webhook delivery. Built by Tests/Fuzz/run together with that file in
// one module, against the Kernel module.

/// Reads `data` as a header; when it is accepted, checks what the type promises (a `t`, one to eight lower-case
/// 64-hex-digit `v1`s), that the canonical spelling reads back to the same value, and that `isFresh` is total.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignatureHeader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let header = SignatureHeader(String(decoding: bytes, as: UTF8.self)) else { return 0 }
    if header.timestamp < 0 { fatalError("negative timestamp \(header.timestamp)") }
    if !(1...8).contains(header.signatures.count) { fatalError("\(header.signatures.count) signatures") }
    for signature in header.signatures where signature.utf8.count != 64
        || !signature.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) {
        fatalError("signature not 64 lower-case hex digits: \(signature)")
    }
    let canonical = (["t=\(header.timestamp)"] + header.signatures.map { "v1=\($0)" }).joined(separator: ",")
    if SignatureHeader(canonical) != header { fatalError("the canonical spelling reads differently: \(canonical)") }
    // `now` from the input's first bytes, extremes included: the difference must never overflow.
    var now: Int64 = 0
    for byte in bytes.prefix(8) { now = now << 8 | Int64(byte) }
    for probe in [now, .min, .max, header.timestamp, header.timestamp &+ SignatureHeader.tolerance] {
        _ = header.isFresh(now: probe)
    }
    if !header.isFresh(now: header.timestamp) { fatalError("a header is not fresh at its own timestamp") }
    return 0
}
