-- wrk script for bench/forwarding.sh: a oneM2M retrieve as the admin originator, with the client's bearer token
-- (both CSEs authenticate every request), a unique X-M2M-RI each time.
local counter = 0
local headers = {["X-M2M-Origin"] = "CAdmin", ["X-M2M-RVI"] = "3", ["Authorization"] = "Bearer client-token"}

function request()
  counter = counter + 1
  headers["X-M2M-RI"] = "fwd-" .. counter
  return wrk.format("GET", nil, headers)
end
