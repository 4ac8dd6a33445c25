-- wrk script: each request resets the PIN of the next mailbox (bench1..benchN, password
-- "bench"), spread over threads so that two connections rarely reset the same mailbox at once.
-- It prints bench/wrk-common.lua's line at the end.
local mailboxes = tonumber(os.getenv("BENCH_MAILBOXES") or "256")
local body = [[<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ResetPIN xmlns="http://schemas.microsoft.com/exchange/services/2006/messages"/></soap:Body></soap:Envelope>]]
dofile("bench/wrk-common.lua")

local function base64(s)
  local b = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  return ((s:gsub(".", function(x)
    local r, byte = "", x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return b:sub(c + 1, c + 1)
  end) .. ({ "", "==", "=" })[#s % 3 + 1])
end

local auth = {}
for i = 1, mailboxes do auth[i] = "Basic " .. base64("bench" .. i .. ":bench") end

function request()
  counter = counter + 1
  return wrk.format("POST", "/EWS/UM2007Legacy.asmx", {
    ["Content-Type"] = "text/xml; charset=utf-8",
    ["SOAPAction"] = '"http://schemas.microsoft.com/exchange/services/2006/messages/ResetPIN"',
    ["Authorization"] = auth[counter % mailboxes + 1],
  }, body)
end
