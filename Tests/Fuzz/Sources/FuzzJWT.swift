// libFuzzer entry for the access-token reader (Modules/Crypto/JWT/AccessTokenCodec.swift), which reads the bearer
// token of every authenticated request. Built by Tests/Fuzz/run against the Crypto, JSON and Kernel modules.
import Crypto
import Foundation
import Kernel

private let secret = [UInt8](repeating: 0x5A, count: 32)
private let now = Date(timeIntervalSince1970: 1_700_000_000)
// The key and codec are fixed; a failure here is a broken harness, not a finding.
private let key = try! AccessTokenKey(secret: secret)
private let codec = try! AccessTokenCodec(currentKey: key, now: { now })

/// Verifies `data` three ways and checks what a successful verification promises (our issuer and audience, a
/// non-empty subject, not expired at the codec's clock):
/// - as a token string, as an attacker would send it;
/// - split at the first newline into a JOSE header and a claim set, signed with the codec's key, so the header and
///   claim readers behind the MAC check see the fuzzer's bytes;
/// - a token issued for a subject taken from `data` verifies to exactly the issued claims.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWT(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let claims = try? codec.verify(String(decoding: bytes, as: UTF8.self)) { check(claims) }

    let newline = bytes.firstIndex(of: 0x0A) ?? size
    let header = Base64NoPadding.url.encode(bytes[..<newline])
    let payload = Base64NoPadding.url.encode(bytes[min(newline + 1, size)...])
    let signingInput = header + "." + payload
    let signature = Base64NoPadding.url.encode(HMACSHA256.mac(key: secret, message: Array(signingInput.utf8)))
    if let claims = try? codec.verify(signingInput + "." + signature) { check(claims) }

    let subject = String(decoding: bytes.prefix(64), as: UTF8.self)
    if !subject.isEmpty {
        let extra: [String: ClaimValue] = ["scope": .strings(subject.split(separator: " ").map(String.init))]
        guard let issued = try? codec.issue(subject: subject, extraClaims: extra) else { fatalError("cannot issue for \(subject)") }
        guard let verified = try? codec.verify(issued.token) else { fatalError("an issued token does not verify: \(issued.token)") }
        if verified != issued.claims { fatalError("verify(issue(x)) != x for subject \(subject)") }
    }
    return 0
}

private func check(_ claims: AccessTokenClaims) {
    if claims.subject.isEmpty { fatalError("empty subject accepted") }
    if claims.issuer != codec.issuer || !claims.audience.contains(codec.audience) { fatalError("wrong issuer or audience accepted") }
    if claims.expiresAt <= now { fatalError("expired token accepted") }
    if claims.issuedAt > now { fatalError("token from the future accepted") }
    if let notBefore = claims.notBefore, notBefore > now { fatalError("token not yet valid accepted") }
}
