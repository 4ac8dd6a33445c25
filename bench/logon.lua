-- wrk script: telephone logons through the telephony API, as a voicemail front end makes them
-- (the demo's account ivr, password "bench"), each on the next mailbox by its extension
-- (70001..70000+N). The PIN is a wrong one: it costs the same derivation as the right one, and
-- the benchmark's policy neither resets nor locks a mailbox for it. It prints bench/wrk-common.lua's line.
local mailboxes = tonumber(os.getenv("BENCH_MAILBOXES") or "64")
dofile("bench/wrk-common.lua")

function request()
  counter = counter + 1
  local body = string.format('{"mailbox": "%d", "pin": "000000"}', 70000 + counter % mailboxes + 1)
  return wrk.format("POST", "/pin/v1/logon", {
    ["Content-Type"] = "application/json",
    -- "ivr:bench" in base64
    ["Authorization"] = "Basic aXZyOmJlbmNo",
  }, body)
end
