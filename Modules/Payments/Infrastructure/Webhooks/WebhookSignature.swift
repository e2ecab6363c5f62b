import Crypto
import PaymentsDomain

/// Stripe's webhook signature scheme, the one implementation both for verifying deliveries and for signing them
/// (`wharf simulate-payment`, tests): `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` where the MAC is
/// over `"<t>." + <raw body bytes>` keyed with the UTF-8 bytes of the secret. During a rotation the previous
/// secret is accepted too.
public struct WebhookSignature: Sendable {
    /// The current secret first.
    let secrets: [[UInt8]]

    public init(secret: String, previous: String? = nil) {
        secrets = [Array(secret.utf8)] + (previous.map { [Array($0.utf8)] } ?? [])
    }

    /// The hex `v1` MAC of `payload` signed at `timestamp` with `secret`.
    public static func v1(secret: some Collection<UInt8>, timestamp: Int64, payload: some Collection<UInt8>) -> String {
        Hex.encode(mac(secret: secret, timestamp: timestamp, payload: payload))
    }

    /// The `Stripe-Signature` header value for `payload` signed now (`timestamp`) with the current secret.
    public func header(payload: [UInt8], timestamp: Int64) -> String {
        "t=\(timestamp),v1=\(Self.v1(secret: secrets[0], timestamp: timestamp, payload: payload))"
    }

    /// Whether `header` signs `payload` with one of the secrets, with `t` within the tolerance of `now` (unix
    /// seconds). Every offered `v1` is compared with every secret's MAC in constant time.
    public func isValid(payload: [UInt8], header: String?, now: Int64) -> Bool {
        guard let header, let parsed = SignatureHeader(header), parsed.isFresh(now: now) else { return false }
        let expected = secrets.map { Self.mac(secret: $0, timestamp: parsed.timestamp, payload: payload) }
        var matched = false
        for offered in parsed.signatures {
            guard let bytes = Hex.decode(offered) else { continue }
            for mac in expected where ConstantTime.equal(bytes, mac) { matched = true }
        }
        return matched
    }

    static func mac(secret: some Collection<UInt8>, timestamp: Int64, payload: some Collection<UInt8>) -> [UInt8] {
        var message = Array(String(timestamp).utf8)
        message.append(UInt8(ascii: "."))
        message.append(contentsOf: payload)
        return HMACSHA256.mac(key: secret, message: message)
    }
}
