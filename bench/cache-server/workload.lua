-- wrk script of bench/cache-server (wrk.ts runs it with -t1: one thread, one Lua state).
-- Configured by environment variables, read where wrk decides whether requests are static:
--   BENCH_MODE      get | put | mixed
--   BENCH_TOKEN     bearer token; BENCH_TEAM  Turborepo team (slug)
--   BENCH_GET_HASH  get, mixed: the pre-uploaded artifact to fetch
--   BENCH_BODY_FILE put, mixed: the bytes each PUT sends
--   BENCH_PREFIX    put, mixed: hash prefix, new per wrk process, so no upload ever repeats a hash
--   BENCH_PUT_EVERY mixed: one request in this many is a PUT, the others GET
-- done() prints one line "BENCH_WRK_RESULT {json}" for wrk.ts to parse.

local mode = os.getenv("BENCH_MODE")
local team = os.getenv("BENCH_TEAM")
local authorization = "Bearer " .. os.getenv("BENCH_TOKEN")

local function artifact_path(hash)
  return "/v8/artifacts/" .. hash .. "?slug=" .. team
end

if mode == "get" then
  -- No request() function: wrk formats this one request once and resends it (a static script).
  wrk.method = "GET"
  wrk.path = artifact_path(os.getenv("BENCH_GET_HASH"))
  wrk.headers["Authorization"] = authorization
elseif mode == "put" or mode == "mixed" then
  local prefix = os.getenv("BENCH_PREFIX")
  local put_every = mode == "put" and 1 or tonumber(os.getenv("BENCH_PUT_EVERY"))
  local file = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
  local body = file:read("*a")
  file:close()
  local counter = 0
  local get_request

  function init(args)
    -- Built here, not above: wrk sets the Host header just before it calls init().
    if mode == "mixed" then
      get_request =
        wrk.format("GET", artifact_path(os.getenv("BENCH_GET_HASH")), { ["Authorization"] = authorization })
    end
  end

  function request()
    counter = counter + 1
    if counter % put_every ~= 0 then
      return get_request
    end
    -- Turbo sends Content-Type: application/octet-stream, and TRRC answers 415 without it;
    -- wrk.format adds Host and Content-Length.
    local headers = { ["Authorization"] = authorization, ["Content-Type"] = "application/octet-stream" }
    return wrk.format("PUT", artifact_path(prefix .. string.format("%x", counter)), headers, body)
  end
else
  error("BENCH_MODE must be get, put or mixed, not " .. tostring(mode))
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(
    string.format(
      'BENCH_WRK_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,'
        .. '"writeErrors":%d,"timeouts":%d,"statusErrors":%d,"latencyUs":{"p50":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
      summary.requests,
      summary.duration,
      summary.bytes,
      errors.connect,
      errors.read,
      errors.write,
      errors.timeout,
      errors.status,
      latency:percentile(50),
      latency:percentile(99),
      latency.max,
      latency.mean
    )
  )
end
