-- GET /health/live: the cheapest route, measures the server engine itself.
wrk.method = "GET"
wrk.path = "/health/live"
wrk.headers["Host"] = "127.0.0.1"
