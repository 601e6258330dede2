-- wrk script for bench/run.sh: oneM2M requests with a unique X-M2M-RI on every request.
--
--   wrk -t2 -c16 -d10s --latency -s bench/onem2m.lua URL -- METHOD TAG
--
-- METHOD  GET  (retrieve the resource at URL's path) or
--         POST (create a contentInstance in the container at URL's path).
-- TAG     a word that makes the X-M2M-RI values of this run differ from every other run's;
--         each request's X-M2M-RI is TAG-<thread>-<counter>.
--
-- The same script drives Keel and the baseline, so both pay the same load-generator cost.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_no", threads)
end

local method, prefix, body, headers
local counter = 0

function init(args)
  method = args[1] or "GET"
  local tag = args[2] or tostring(os.time())
  prefix = tag .. "-" .. tostring(thread_no or 0) .. "-"
  headers = {
    ["X-M2M-Origin"] = "Cbench",
    ["X-M2M-RVI"] = "3",
  }
  if method == "POST" then
    headers["Content-Type"] = "application/json;ty=4"
    body = '{"m2m:cin":{"cnf":"text/plain:0","con":"21.5"}}'
  elseif method ~= "GET" then
    error("METHOD must be GET or POST, not " .. tostring(method))
  end
end

function request()
  counter = counter + 1
  headers["X-M2M-RI"] = prefix .. counter
  return wrk.format(method, nil, headers, body)
end
