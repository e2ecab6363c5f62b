// libFuzzer entry for the HTTP request parser. Built by Tests/Fuzz/run together with the Core and Parser sources
// into one module, so the parser's internal API is visible here (Kernel and JSON, which Core imports, are
// compiled first as modules of their own).

/// Feeds `data` to a parser whole, then again split at points derived from the data itself, and checks
/// that both ways agree: incremental parsing must not depend on where the bytes were cut.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    var limits = HTTPParserLimits()
    limits.maxBodyBytes = 4096
    limits.maxHeaderBytes = 2048
    limits.maxRequestLineBytes = 512
    limits.maxHeaderLineBytes = 512
    limits.maxHeaderCount = 20
    let whole = run(bytes, limits: limits, cuts: [])
    var cuts: [Int] = []
    var seed = UInt64(size) &* 0x9E37_79B9_7F4A_7C15
    for byte in bytes.prefix(8) { seed = (seed ^ UInt64(byte)) &* 0x1000_0000_01B3 }
    var position = 0
    while position < size {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        position += 1 + Int((seed >> 33) % 17)
        cuts.append(position)
    }
    let split = run(bytes, limits: limits, cuts: cuts)
    if whole != split { fatalError("split parse differs: \(whole) vs \(split)") }
    let oneByOne = run(bytes, limits: limits, cuts: Array(1...max(1, size)))
    if whole != oneByOne { fatalError("byte-by-byte parse differs: \(whole) vs \(oneByOne)") }
    return 0
}

/// Parses `bytes`, delivering them in pieces ending at `cuts`, like a connection would: unconsumed bytes are
/// kept and more appended. Returns a summary of the events (requests and their bodies, the final error).
private func run(_ bytes: UnsafeRawBufferPointer, limits: HTTPParserLimits, cuts: [Int]) -> [String] {
    var parser = HTTPRequestParser(limits: limits)
    var events: [String] = []
    // Bytes [start, delivered) are unconsumed, as in a connection's buffer; only the delivery point moves.
    var start = 0
    var delivered = 0
    for cut in cuts + [bytes.count] where cut > delivered {
        delivered = min(cut, bytes.count)
        parsing: while true {
            let (consumed, event) = parser.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<delivered]))
            if consumed > delivered - start { fatalError("consumed more than given") }
            start += consumed
            switch event {
            case .needMore:
                if consumed == 0 || start == delivered { break parsing }
            case .expectContinue:
                events.append("continue")
            case .request(let request, let keepAlive):
                events.append("\(request.method) \(request.target) \(request.headers.count) \(request.body.count) \(keepAlive)")
                if request.body.count > limits.maxBodyBytes { fatalError("body over the limit") }
            case .failure(let error):
                events.append("error \(error.status.code)")
                return events
            }
        }
        if delivered == bytes.count { break }
    }
    return events
}
