-- wrk script: every request saves one answer of the benchmark's assessment, based on the revision
-- the previous save of that answer made, alternating its value, so every save is a real write.
--
--   wrk ... -s scripts/load/saves.lua URL -- MODE COOKIE TARGETS_FILE THREADS
--
-- MODE is `autosave` (the JSON server function the hydrated page calls) or `form` (the section's
-- plain multipart post). TARGETS_FILE holds `senda bench-seed`'s SAVES line (past the `=`):
-- `assessment/section/question/revision/value` separated by spaces, some three thousand answers.
-- Each wrk thread takes its own share and goes through it in order, so within a run no two saves
-- touch the same answer (after a full round, only one overtaken by a whole round of others
-- could): a conflict means a save based on the latest revision was refused — the rule broken.
-- At the end it prints how many saves were acknowledged, refused as conflicts, or failed.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local mine, position = {}, 1
local mode, cookie
saved, conflicts, failures = 0, 0, 0

function init(args)
  mode, cookie = args[1], args[2]
  local thread_count = tonumber(args[4])
  local index = 0
  local file = assert(io.open(args[3]))
  local targets = file:read("*a")
  file:close()
  for target in string.gmatch(targets, "%S+") do
    local assessment, section, question, revision, value = target:match("([^/]+)/([^/]+)/([^/]+)/(%d+)/(%a+)")
    if index % thread_count == id then
      table.insert(mine, { assessment = assessment, section = section, question = question,
        revision = tonumber(revision), value = value })
    end
    index = index + 1
  end
end

local boundary = "senda-bench-boundary"

local function multipart(fields)
  local parts = {}
  for _, field in ipairs(fields) do
    table.insert(parts, "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. field[1] ..
      "\"\r\n\r\n" .. field[2] .. "\r\n")
  end
  return table.concat(parts) .. "--" .. boundary .. "--\r\n"
end

-- wrk builds one request of its first thread before the run to check the script, and never sends
-- it: that one must not move an answer's revision on.
local checked = false

function request()
  local target = mine[position]
  if id == 0 and not checked then
    checked = true
    return save_of(target)
  end
  position = position % #mine + 1
  local request = save_of(target)
  target.revision = target.revision + 1
  target.value = (target.value == "yes") and "no" or "yes"
  return request
end

-- The request that saves `target`'s next value on its revision.
function save_of(target)
  local q = target.question
  local fields = { { "a." .. q, target.value }, { "r." .. q, tostring(target.revision) }, { "f." .. q, "" } }
  if mode == "autosave" then
    local pairs_json = {}
    for _, field in ipairs(fields) do
      table.insert(pairs_json, '["' .. field[1] .. '","' .. field[2] .. '"]')
    end
    local body = '{"assessment_id":"' .. target.assessment .. '","section_id":"' .. target.section ..
      '","fields":[' .. table.concat(pairs_json, ",") .. ']}'
    return wrk.format("POST", "/api/assessments/autosave",
      { ["Content-Type"] = "application/json", ["Accept"] = "application/json", ["Cookie"] = cookie }, body)
  end
  return wrk.format("POST", "/evaluaciones/" .. target.assessment .. "/secciones/" .. target.section,
    { ["Content-Type"] = "multipart/form-data; boundary=" .. boundary, ["Cookie"] = cookie }, multipart(fields))
end

function response(status, headers, body)
  if mode == "autosave" then
    if status ~= 200 then
      failures = failures + 1
    elseif body:find('"problems":[]', 1, true) then
      saved = saved + 1
    else
      conflicts = conflicts + 1
    end
  else
    -- Back to the section, saved (`?guardado`) or with problems (`?problemas`); anything else,
    -- such as a redirect to the sign-in, is a failure.
    local location = headers["Location"] or headers["location"] or ""
    if status == 303 and location:find("guardado", 1, true) then
      saved = saved + 1
    elseif status == 303 and location:find("problemas", 1, true) then
      conflicts = conflicts + 1
    else
      failures = failures + 1
    end
  end
end

function done(summary, latency, requests)
  local totals = { 0, 0, 0 }
  for _, thread in ipairs(threads) do
    totals[1] = totals[1] + thread:get("saved")
    totals[2] = totals[2] + thread:get("conflicts")
    totals[3] = totals[3] + thread:get("failures")
  end
  io.write(string.format("SAVES acknowledged=%d conflicts=%d failures=%d\n", totals[1], totals[2], totals[3]))
end
