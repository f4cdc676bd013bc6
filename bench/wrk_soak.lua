-- The soak's traffic (bench/soak.py): varied URLs as crawlers and attackers send them.
-- Each request is one of the public list pages with, at random: a page number, a search
-- word (real or made up), an unknown parameter with a random value. The page cache keys
-- on the parameters each page understands, so the unknown ones must not grow it.

local pages = {
  "/fr/", "/en/", "/fr/groupes/", "/en/groups/", "/fr/pays/", "/en/countries/",
  "/fr/missions/", "/en/missions/", "/fr/colloques/", "/en/colloquia/",
  "/fr/rapports/", "/en/reports/", "/fr/actualites/", "/en/news/",
  "/fr/recherche/", "/en/search/", "/fr/carte/", "/en/map/",
}
local searchable = {
  ["/fr/rapports/"] = true, ["/en/reports/"] = true,
  ["/fr/recherche/"] = true, ["/en/search/"] = true,
}
local words = {
  "japon", "culture", "économie", "énergie", "vin", "coopération", "santé",
  "agriculture", "jeunesse", "francophonie", "mer", "parlement", "climat",
}
local letters = "abcdefghijklmnopqrstuvwxyz"

local function random_word()
  local n = math.random(4, 9)
  local t = {}
  for i = 1, n do
    local k = math.random(1, #letters)
    t[i] = letters:sub(k, k)
  end
  return table.concat(t)
end

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("id", counter)
end

init = function(args)
  math.randomseed(os.time() + id * 7919)
end

request = function()
  local path = pages[math.random(1, #pages)]
  local params = {}
  if searchable[path] and math.random() < 0.7 then
    local q = math.random() < 0.5 and words[math.random(1, #words)] or random_word()
    params[#params + 1] = "q=" .. urlencode(q)
  end
  if math.random() < 0.3 then
    params[#params + 1] = "page=" .. math.random(1, 40)
  end
  if math.random() < 0.6 then
    params[#params + 1] = random_word() .. "=" .. math.random(1, 1000000)
  end
  if #params > 0 then
    path = path .. "?" .. table.concat(params, "&")
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "status_errors": %d, "socket_errors": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
