-- wrk script for bench/large-tree.sh: a oneM2M retrieve as the admin originator, a unique X-M2M-RI each time.
local counter = 0
local headers = {["X-M2M-Origin"] = "CAdmin", ["X-M2M-RVI"] = "3"}

function request()
  counter = counter + 1
  headers["X-M2M-RI"] = "tree-" .. counter
  return wrk.format("GET", nil, headers)
end
