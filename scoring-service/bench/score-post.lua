-- wrk script: POSTs the same scoring request with a bearer token fetched once by score-load.sh.
-- Environment: SCORE_TOKEN (access token), SCORE_BODY_FILE (JSON request body).
local token = os.getenv("SCORE_TOKEN")
local body_file = os.getenv("SCORE_BODY_FILE")
if token == nil or body_file == nil then
  error("SCORE_TOKEN and SCORE_BODY_FILE must be set")
end
local f = assert(io.open(body_file, "r"))
local body = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token

local non_2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
    if non_2xx <= 3 then
      io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
    end
  end
end
