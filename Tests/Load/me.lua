-- GET /v1/users/me with the bearer token in $TOKEN: token verification plus the principal lookup.
local headers = {}
function init(args)
  headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

function request()
  return wrk.format("GET", "/v1/users/me", headers)
end
