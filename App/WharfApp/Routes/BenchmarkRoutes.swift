import HTTPServer
import JSON

/// `POST /v1/echo`: decodes a JSON body strictly and encodes it back. It exists only to measure the HTTP and
/// JSON path in `make bench`, and is registered only when `BENCHMARK_ROUTES=true` (never in the API document).
enum BenchmarkRoutes {
    static func register(on router: Router) {
        router.post("/v1/echo") { request, _ in
            try .json(request.decode(JSONValue.self))
        }
    }
}
