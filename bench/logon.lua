-- wrk script: telephone logons through the telephony API, as a voicemail front end makes them
-- (the demo's account ivr, password "bench"), each on the next mailbox by its extension
-- (70001..70000+N). The PIN is a wrong one: it costs the same derivation as the right one, and
-- the benchmark's policy neither resets nor locks a mailbox for it. At the end it prints the
-- same line as reset.lua: requests, non-200 answers, latency percentiles in ms.
local mailboxes = tonumber(os.getenv("BENCH_MAILBOXES") or "64")
local threads = {}
local counter = 0
errors = 0 -- global: done() reads it from each thread

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7919
end

function request()
  counter = counter + 1
  local body = string.format('{"mailbox": "%d", "pin": "000000"}', 70000 + counter % mailboxes + 1)
  return wrk.format("POST", "/pin/v1/logon", {
    ["Content-Type"] = "application/json",
    -- "ivr:bench" in base64
    ["Authorization"] = "Basic aXZyOmJlbmNo",
  }, body)
end

function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local errs = 0
  for _, t in ipairs(threads) do errs = errs + t:get("errors") end
  io.write(string.format("BENCH requests=%d non200=%d socket_errors=%d seconds=%.3f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f\n",
    summary.requests, errs,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
