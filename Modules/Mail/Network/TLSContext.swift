import COpenSSL

/// The OpenSSL client context every mail connection shares: TLS 1.2 or later, the peer's certificate verified
/// against the system's CA store (plus `additionalTrust`, a PEM file, when given: a private CA or a test's
/// certificate). Host names are checked per connection (`TLSSession`). Safe to share once built.
final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init(additionalTrust: String?) throws(SMTPError) {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .tls("SSL_CTX_new failed: \(TLSContext.lastError())") }
        pointer = context
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        _ = SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil)
        guard SSL_CTX_set_default_verify_paths(context) == 1 else { throw .tls("the system's CA store could not be loaded") }
        if let additionalTrust, SSL_CTX_load_verify_locations(context, additionalTrust, nil) != 1 {
            throw .tls("trusted certificates could not be read from \(additionalTrust)")
        }
    }

    deinit { SSL_CTX_free(pointer) }

    /// OpenSSL's queued error, as text (and the queue emptied).
    static func lastError() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return "unknown error" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
