-- Argo CD health check for dockernet.io kinds (DockerNetwork, NetworkAttachment, DockerHost).
-- Reads the Ready condition the operator writes:
--   no status yet, or observedGeneration behind metadata.generation -> Progressing
--   Ready=True                                                      -> Healthy
--   Ready=Unknown, or False with Reconciling / EngineUnavailable      -> Progressing (it retries)
--   Ready=False otherwise (Invalid, Conflict, Forbidden, InUse, ...)  -> Degraded
local hs = { status = "Progressing", message = "Waiting for the dockernet operator" }
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
local generation = obj.metadata.generation
for _, c in ipairs(obj.status.conditions) do
  if c.type == "Ready" then
    local message = c.message or ""
    if c.reason ~= nil and c.reason ~= "" then
      message = c.reason .. ": " .. message
    end
    if generation ~= nil and c.observedGeneration ~= nil and c.observedGeneration < generation then
      hs.status = "Progressing"
      hs.message = "The operator has not yet seen generation " .. generation
      return hs
    end
    if c.status == "True" then
      hs.status = "Healthy"
    elseif c.status == "Unknown" or c.reason == "Reconciling"
        or c.reason == "EngineUnavailable" then
      hs.status = "Progressing"
    else
      hs.status = "Degraded"
    end
    hs.message = message
    return hs
  end
end
return hs
