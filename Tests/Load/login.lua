-- POST /v1/auth/login as $LOGIN_EMAIL / $LOGIN_PASSWORD: bounded by scrypt (N=2^17) on its own thread pool.
local headers, body = {}, nil
function init(args)
  headers["Content-Type"] = "application/json"
  body = string.format('{"email":"%s","password":"%s"}', os.getenv("LOGIN_EMAIL"), os.getenv("LOGIN_PASSWORD"))
end

function request()
  return wrk.format("POST", "/v1/auth/login", headers, body)
end
