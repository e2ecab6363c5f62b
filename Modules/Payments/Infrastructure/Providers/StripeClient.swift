import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PaymentsApplication
import PaymentsContracts

/// Form-encoded requests to Stripe's REST API (or anything that speaks it, such as the tests' stub) over
/// URLSession. Network errors and 5xx answers are retried with exponential backoff (the idempotency key makes
/// that safe); a 4xx never is.
struct StripeClient: Sendable {
    let baseURL: URL
    let apiKey: String
    let maxAttempts: Int
    let initialBackoff: Duration
    let timeout: TimeInterval

    init(baseURL: URL, apiKey: String, maxAttempts: Int = 3, initialBackoff: Duration = .milliseconds(200), timeout: TimeInterval = 10) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.timeout = timeout
    }

    /// The decoded JSON answer of `method path` with `form`; throws `PaymentProviderRefusal` for a 4xx and
    /// `PaymentProviderUnavailable` when every attempt failed.
    func send<T: Decodable>(_ method: String, _ path: String, form: [(String, String)] = [], idempotencyKey: String? = nil,
                            as type: T.Type) async throws -> T {
        var request = URLRequest(url: baseURL.appending(path: path), timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        if let idempotencyKey { request.setValue(idempotencyKey, forHTTPHeaderField: "Idempotency-Key") }
        if method != "GET" {
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(Self.formEncoded(form).utf8)
        }
        var lastProblem = "no attempt made"
        for attempt in 1...maxAttempts {
            if attempt > 1 { try await Task.sleep(for: initialBackoff * (1 << (attempt - 2))) }
            let data: Data, response: URLResponse
            do {
                (data, response) = try await URLSession.shared.data(for: request)
            } catch {
                lastProblem = "network: \(error.localizedDescription)"
                continue
            }
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            switch status {
            case 200..<300:
                do { return try JSONDecoder().decode(T.self, from: data) } catch {
                    throw PaymentProviderUnavailable("\(method) \(path): unexpected answer")
                }
            case 400..<500:
                let message = (try? JSONDecoder().decode(StripeErrorBody.self, from: data))?.error.message ?? "refused"
                throw PaymentProviderRefusal(status: status, detail: "\(method) \(path): \(message)")
            default:
                lastProblem = "HTTP \(status)"
            }
        }
        throw PaymentProviderUnavailable("\(method) \(path) after \(maxAttempts) attempts: \(lastProblem)")
    }

    /// `application/x-www-form-urlencoded`, as Stripe reads it (`metadata[orderId]=…`).
    static func formEncoded(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return form.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }
}

/// Stripe's error body: `{"error": {"message": …}}`.
struct StripeErrorBody: Decodable {
    struct Detail: Decodable { let message: String? }
    let error: Detail
}
