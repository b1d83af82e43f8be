-- Argo CD health check for dockernet.io kinds (DockerNetwork, NetworkAttachment, DockerHost).
-- Reads the kstatus conditions the operator writes (Ready, Reconciling, Stalled):
--   no status yet, or observedGeneration behind metadata.generation -> Progressing
--   Stalled=True (Invalid, Conflict, Forbidden, InUse, ...)          -> Degraded
--   Reconciling=True (EngineUnavailable, EngineError: it retries)    -> Progressing
--   Ready=True                                                      -> Healthy
--   Ready=Unknown                                                   -> Progressing
--   Ready=False otherwise                                           -> Degraded
local hs = { status = "Progressing", message = "Waiting for the dockernet operator" }
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local generation = obj.metadata.generation
if generation ~= nil and obj.status.observedGeneration ~= nil and obj.status.observedGeneration < generation then
  hs.message = "The operator has not yet seen generation " .. generation
  return hs
end
local byType = {}
for _, c in ipairs(obj.status.conditions) do
  if generation ~= nil and c.observedGeneration ~= nil and c.observedGeneration < generation then
    hs.message = "The operator has not yet seen generation " .. generation
    return hs
  end
  byType[c.type] = c
end
local function describe(c)
  local message = c.message or ""
  if c.reason ~= nil and c.reason ~= "" then
    message = c.reason .. ": " .. message
  end
  return message
end
local ready = byType["Ready"]
if byType["Stalled"] ~= nil and byType["Stalled"].status == "True" then
  hs.status = "Degraded"
  hs.message = describe(byType["Stalled"])
elseif byType["Reconciling"] ~= nil and byType["Reconciling"].status == "True" then
  hs.status = "Progressing"
  hs.message = describe(byType["Reconciling"])
elseif ready == nil then
  return hs
elseif ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready)
elseif ready.status == "Unknown" or ready.reason == "Reconciling" or ready.reason == "EngineUnavailable" then
  hs.status = "Progressing"
  hs.message = describe(ready)
else
  hs.status = "Degraded"
  hs.message = describe(ready)
end
return hs
