import { createHash } from 'node:crypto';

/**
 * The two scripts a claim runs on the work queues, written against BullMQ's layout of a queue: waiting jobs
 * are ids in the `wait` list (returned work, added lifo: BullMQ RPUSHes those and serves the list from its
 * right end) and in the `prioritized` sorted set (score = priority × 2^32 + an insertion counter), and each
 * job is a hash under `<queue key prefix><id>`. A job taken or taken out is removed outright (the id from its
 * list or set, and its hash), as `Queue.remove` and `removeOnComplete` leave it, without BullMQ's move through
 * `active` and `completed`, its lock, its events and its counters: PostgreSQL records the claim and refuses
 * a stale or second one, so none of those guards anything here.
 */
export interface LuaScript {
  body: string;
  sha: string;
}

export function luaScript(body: string): LuaScript {
  return { body, sha: createHash('sha1').update(body).digest('hex') };
}

/**
 * KEYS: per queue, its wait list and its prioritized set. ARGV: [1] the continuity candidate's queue (1-based,
 * 0 for none), [2] its job id, [3] the head priority below which a head beats it, [4..] per queue, the prefix
 * of its job keys. Answers {kind, queue, id, priority} (kind 'candidate' or 'head'; priority 0 for returned
 * work and for the candidate) or nil when there is no candidate and nothing waits.
 *
 * Heads are read only when there is something to weigh (a candidate, or several queues): the common claim,
 * one language pair and no candidate, is one pop and one DEL.
 */
export const takeNextScript = luaScript(`
local queues = #KEYS / 2
local candidateQueue = tonumber(ARGV[1])
local function dropJob(q, id)
  redis.call('DEL', ARGV[3 + q] .. id)
end
local best, bestQueue = nil, nil
if candidateQueue > 0 or queues > 1 then
  for q = 1, queues do
    local head = nil
    if redis.call('LLEN', KEYS[2 * q - 1]) > 0 then
      head = 0
    else
      local top = redis.call('ZRANGE', KEYS[2 * q], 0, 0, 'WITHSCORES')
      if top[2] then head = math.floor(tonumber(top[2]) / 4294967296) end
    end
    if head ~= nil and (best == nil or head < best) then best, bestQueue = head, q end
  end
end
if candidateQueue > 0 and (best == nil or best == 0 or best >= tonumber(ARGV[3])) then
  local id = ARGV[2]
  if redis.call('ZREM', KEYS[2 * candidateQueue], id) == 0 then redis.call('LREM', KEYS[2 * candidateQueue - 1], 1, id) end
  dropJob(candidateQueue, id)
  return {'candidate', candidateQueue, id, 0}
end
if queues == 1 and candidateQueue == 0 then bestQueue = 1 end
if bestQueue == nil then return nil end
local id = redis.call('RPOP', KEYS[2 * bestQueue - 1])
local priority = 0
if not id then
  local popped = redis.call('ZPOPMIN', KEYS[2 * bestQueue])
  if not popped[1] then return nil end
  id = popped[1]
  priority = math.floor(tonumber(popped[2]) / 4294967296)
end
dropJob(bestQueue, id)
return {'head', bestQueue, id, priority}
`);

/**
 * KEYS: the queue's wait list and prioritized set. ARGV: [1] the prefix of its job keys, [2] the job id.
 * Answers 1 when the job was waiting and is removed, 2 when it was not waiting (no job, or a job outside the
 * waiting states), 0 when a BullMQ consumer holds it locked (left alone).
 */
export const takeOutScript = luaScript(`
local jobKey = ARGV[1] .. ARGV[2]
if redis.call('ZREM', KEYS[2], ARGV[2]) == 1 or redis.call('LREM', KEYS[1], 1, ARGV[2]) == 1 then
  redis.call('DEL', jobKey)
  return 1
end
if redis.call('EXISTS', jobKey .. ':lock') == 1 then return 0 end
return 2
`);
