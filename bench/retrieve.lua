-- wrk script: a oneM2M retrieve (GET) as the admin originator, a unique X-M2M-RI each time. Its arguments, after wrk's
-- "--": the X-M2M-RVI, the X-M2M-RI prefix, and optionally a bearer token for the Authorization header.
--   wrk ... -s bench/retrieve.lua URL -- 4 lat
--   wrk ... -s bench/retrieve.lua URL -- 3 fwd client-token
local counter = 0
local prefix = "get-"
local headers = {["X-M2M-Origin"] = "CAdmin", ["X-M2M-RVI"] = "3"}

function init(args)
  headers["X-M2M-RVI"] = args[1] or "3"
  prefix = (args[2] or "get") .. "-"
  if args[3] then
    headers["Authorization"] = "Bearer " .. args[3]
  end
end

function request()
  counter = counter + 1
  headers["X-M2M-RI"] = prefix .. counter
  return wrk.format("GET", nil, headers)
end
