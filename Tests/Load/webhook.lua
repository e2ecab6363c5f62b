-- POST /v1/payments/webhook: each request a distinct, validly signed event for a distinct pending payment, read
-- from $WEBHOOK_EVENTS (lines "<Stripe-Signature>\t<body>", written by webhook_events.py). Thread k of n sends
-- lines k, k+n, k+2n, ...; should the run outlast the file, it starts over (the repeats are then duplicates,
-- which the server acknowledges without effect) and done() says so.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local events, index = {}, 0
function init(args)
  local file = assert(io.open(os.getenv("WEBHOOK_EVENTS"), "r"))
  local line_number = 0
  local total = tonumber(os.getenv("WRK_THREADS"))
  for line in file:lines() do
    line_number = line_number + 1
    if line_number % total == tid - 1 then
      local tab = line:find("\t", 1, true)
      events[#events + 1] = {line:sub(1, tab - 1), line:sub(tab + 1)}
    end
  end
  file:close()
end

function request()
  index = index + 1
  local event = events[(index - 1) % #events + 1]
  return wrk.format("POST", "/v1/payments/webhook",
    {["Content-Type"] = "application/json", ["Stripe-Signature"] = event[1]}, event[2])
end

function done(summary, latency, requests)
  local available = tonumber(os.getenv("WEBHOOK_EVENT_COUNT"))
  if summary.requests > available then
    io.stderr:write(string.format("webhook.lua: %d requests for %d distinct events: the rest were duplicates\n",
      summary.requests, available))
  end
end
