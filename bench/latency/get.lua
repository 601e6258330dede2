-- wrk script for bench/latency.sh (geo.sh, semantics.sh): a Release 4 retrieve as the admin originator, a unique
-- X-M2M-RI each time.
local counter = 0
local headers = {["X-M2M-Origin"] = "CAdmin", ["X-M2M-RVI"] = "4"}

function request()
  counter = counter + 1
  headers["X-M2M-RI"] = "lat-" .. counter
  return wrk.format("GET", nil, headers)
end
