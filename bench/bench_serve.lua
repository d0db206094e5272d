-- wrk script for bench/bench_serve.sh: POST /v1/screen with names from a file, or GET /healthz.
-- Usage: wrk ... -s bench/bench_serve.lua http://HOST:PORT -- screen NAMES_FILE | healthz [count]
--   screen   one JSON body per name (one name a line, UTF-8, no quote or backslash), cycled
--   healthz  GET /healthz through the same per-request path, as the baseline
--   count    also count responses per status (costs wrk some CPU: it then parses every answer)
-- done() prints "bench_serve KEY VALUE" lines that bench_serve.sh reads.

local threads = {}

function setup(thread)
   -- each wrk thread has its own Lua state; give each one a number so they start apart
   thread:set("thread_no", #threads)
   table.insert(threads, thread)
end

local requests, next_index = {}, 1

local function read_names(path)
   local names = {}
   for line in io.lines(path) do
      if line ~= "" then
         names[#names + 1] = line
      end
   end
   return names
end

function init(args)
   local mode = args[1] or "healthz"
   if mode == "screen" then
      local headers = { ["Content-Type"] = "application/json" }
      for _, name in ipairs(read_names(args[2])) do
         -- formatted once here: request() then only hands out prepared strings
         requests[#requests + 1] = wrk.format("POST", "/v1/screen", headers, '{"query":"' .. name .. '"}')
      end
   else
      requests[1] = wrk.format("GET", "/healthz")
   end
   -- threads walk the list from different places so connections do not ask the same name at once
   next_index = (thread_no * 97) % #requests + 1
   statuses = {}
   if args[#args] == "count" then
      response = function(status, headers, body)
         statuses[status] = (statuses[status] or 0) + 1
      end
   end
end

function request()
   local r = requests[next_index]
   next_index = next_index % #requests + 1
   return r
end

function done(summary, latency, requests_done)
   local e = summary.errors
   local out = {
      requests = summary.requests,
      duration_us = summary.duration,
      bytes = summary.bytes,
      non2xx = e.status,
      err_connect = e.connect,
      err_read = e.read,
      err_write = e.write,
      err_timeout = e.timeout,
      p50_us = latency:percentile(50),
      p90_us = latency:percentile(90),
      p99_us = latency:percentile(99),
      p999_us = latency:percentile(99.9),
      max_us = latency.max,
      mean_us = latency.mean,
   }
   for _, k in ipairs({ "requests", "duration_us", "bytes", "non2xx", "err_connect", "err_read", "err_write",
      "err_timeout", "p50_us", "p90_us", "p99_us", "p999_us", "max_us", "mean_us" }) do
      io.write(string.format("bench_serve %s %d\n", k, out[k]))
   end
   local total = {}
   for _, t in ipairs(threads) do
      for status, n in pairs(t:get("statuses") or {}) do
         total[status] = (total[status] or 0) + n
      end
   end
   for status, n in pairs(total) do
      io.write(string.format("bench_serve status_%d %d\n", status, n))
   end
end
