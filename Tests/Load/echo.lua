-- POST /v1/echo with a small JSON document: adds body reading, JSON decoding and encoding to the path.
wrk.method = "POST"
wrk.path = "/v1/echo"
wrk.headers["Host"] = "127.0.0.1"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"message":"hello","count":3,"tags":["a","b","c"],"nested":{"ok":true,"ratio":0.5}}'
