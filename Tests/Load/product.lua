-- GET /v1/products/{id} with an id drawn at random from $IDS_FILE (one id per line).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local ids = {}
function init(args)
  for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
  math.randomseed(os.time() * 100 + tid)
end

function request()
  return wrk.format("GET", "/v1/products/" .. ids[math.random(#ids)])
end
