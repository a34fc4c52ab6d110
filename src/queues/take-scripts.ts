import { luaScript } from './lua-scripts.js';

/**
 * The two scripts a claim runs on the work queues, written against BullMQ's layout of a queue: waiting jobs
 * are ids in the `wait` list (returned work, added lifo: BullMQ RPUSHes those and serves the list from its
 * right end) and in the `prioritized` sorted set (score = priority × 2^32 + an insertion counter), and each
 * job is a hash under `<queue key prefix><id>`. A job taken or taken out is removed outright (the id from its
 * list or set, and its hash), as `Queue.remove` and `removeOnComplete` leave it, without BullMQ's move through
 * `active` and `completed`, its lock, its events and its counters: PostgreSQL records the claim and refuses
 * a stale or second one, so none of those guards anything here. Unlike BullMQ, the scripts never reset the
 * queue's priority counter (`pc`) when the prioritized set empties; it only orders equals and wraps
 * harmlessly at 2^32.
 */

/**
 * Every key a removed job leaves besides its id in a list or set: its hash and the sub-keys BullMQ's own
 * removal deletes with it (empty for waiting work, deleted anyway so nothing outlives a job), and `:lock`
 * (held only by jobs an older release moved to `active`). One DEL.
 */
const dropJob = `
local function dropJob(jobKey)
  redis.call('DEL', jobKey, jobKey .. ':logs', jobKey .. ':dependencies', jobKey .. ':processed',
    jobKey .. ':failed', jobKey .. ':unsuccessful', jobKey .. ':lock')
end
`;

/**
 * KEYS: per queue, its wait list and its prioritized set, then the ledger of taken jobs. ARGV: [1] the
 * continuity candidate's queue (1-based, 0 for none), [2] its job id, [3] the priority below which a
 * prioritized head (of any queue, read behind returned work too) beats it: returned work never beats the
 * candidate and never lets it win by itself; when the candidate loses, returned work is taken first,
 * [4] the caller's clock (ms, when the claim began), [5..] per queue, the prefix of its job keys, then per queue its name. Answers {kind, queue, id, priority, place} (kind 'candidate' or 'head';
 * priority 0 for returned work and for the candidate; place 'front' for returned work, the job's score in
 * the prioritized set for the rest, '' for a candidate whose job was not waiting) or nil when there is no
 * candidate and nothing waits. The place lets a claim that is refused put the job back where it stood.
 *
 * The job taken is not forgotten: `<queue>|<id>|<place>|<ms>` goes into the ledger (a sorted set scored by
 * the caller's clock; the place is 'front' for returned work, else the job's score in the prioritized set
 * read before its removal; entries of older releases may say 'p': at its priority, which PostgreSQL
 * holds), so a claim that never records (its request gave up, its process died,
 * the script ran late after a Redis outage) leaves a trace the workers' sweep returns within seconds. A
 * successful claim leaves its entry too; the sweep finds its task no longer waiting and just drops it.
 *
 * Wait-list ids starting with '0:' are markers of BullMQ before v5, skipped (popped and dropped) as its
 * moveToActive does. A paused queue (`meta.paused`) is not honoured: nothing in the service pauses a work
 * queue, and checking would cost a command per queue per claim (work is stopped in PostgreSQL instead).
 *
 * Heads are read only when there is something to weigh (a candidate, or several queues): the common claim,
 * one language pair and no candidate, is one pop, one DEL and one ZADD.
 */
export const takeNextScript = luaScript(`
local queues = (#KEYS - 1) / 2
local ledger = KEYS[#KEYS]
local candidateQueue = tonumber(ARGV[1])
${dropJob}
local function isMarker(id) return id and string.sub(id, 1, 2) == '0:' end
local function take(q, id, priority)
  dropJob(ARGV[4 + q] .. id)
  redis.call('ZADD', ledger, ARGV[4], ARGV[4 + queues + q] .. '|' .. id .. '|' .. priority .. '|' .. ARGV[4])
end
-- best: the most urgent head (returned work counts as 0, ahead of every priority), the one taken when
-- there is no candidate or the candidate loses. urgent: the most urgent prioritized job across the queues
-- (read behind returned work too), the only thing the candidate is weighed against: returned work neither
-- beats the candidate nor lets it win over a more urgent class elsewhere.
local best, bestQueue, urgent = nil, nil, nil
if candidateQueue > 0 or queues > 1 then
  for q = 1, queues do
    local front = redis.call('LINDEX', KEYS[2 * q - 1], -1)
    while isMarker(front) do
      redis.call('RPOP', KEYS[2 * q - 1])
      front = redis.call('LINDEX', KEYS[2 * q - 1], -1)
    end
    local top = nil
    if candidateQueue > 0 or not front then
      local first = redis.call('ZRANGE', KEYS[2 * q], 0, 0, 'WITHSCORES')
      if first[2] then top = math.floor(tonumber(first[2]) / 4294967296) end
    end
    local head = top
    if front then head = 0 end
    if top ~= nil and (urgent == nil or top < urgent) then urgent = top end
    if head ~= nil and (best == nil or head < best) then best, bestQueue = head, q end
  end
end
if candidateQueue > 0 and (urgent == nil or urgent >= tonumber(ARGV[3])) then
  local id = ARGV[2]
  local where = nil
  local score = redis.call('ZSCORE', KEYS[2 * candidateQueue], id)
  if score then
    redis.call('ZREM', KEYS[2 * candidateQueue], id)
    where = score
  elseif redis.call('LREM', KEYS[2 * candidateQueue - 1], 1, id) == 1 then where = 'front' end
  -- The claim asks for the candidate even when its job is missing; only a job taken out goes on the ledger.
  if where then take(candidateQueue, id, where) end
  return {'candidate', candidateQueue, id, 0, where or ''}
end
if queues == 1 and candidateQueue == 0 then bestQueue = 1 end
if bestQueue == nil then return nil end
local id = redis.call('RPOP', KEYS[2 * bestQueue - 1])
while isMarker(id) do id = redis.call('RPOP', KEYS[2 * bestQueue - 1]) end
local priority = 0
local place = 'front'
if not id then
  local popped = redis.call('ZPOPMIN', KEYS[2 * bestQueue])
  if not popped[1] then return nil end
  id = popped[1]
  priority = math.floor(tonumber(popped[2]) / 4294967296)
  place = popped[2]
end
take(bestQueue, id, place)
return {'head', bestQueue, id, priority, place}
`);

/**
 * KEYS: the queue's wait list, its prioritized set and the ledger of taken jobs. ARGV: [1] the prefix of its
 * job keys, [2] the job id, [3] the queue's name, [4] the caller's clock (ms). Answers the job's place
 * when it was waiting and is removed (and put on the ledger as `takeNext` does): 'front' for returned work,
 * else its score in the prioritized set; 0 when it was not waiting.
 */
export const takeOutScript = luaScript(`
${dropJob}
local where = nil
local score = redis.call('ZSCORE', KEYS[2], ARGV[2])
if score then
  redis.call('ZREM', KEYS[2], ARGV[2])
  where = score
elseif redis.call('LREM', KEYS[1], 1, ARGV[2]) == 1 then where = 'front' end
if not where then return 0 end
dropJob(ARGV[1] .. ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3] .. '|' .. ARGV[2] .. '|' .. where .. '|' .. ARGV[4])
return where
`);

/**
 * The reconciler's test of presence for jobs outside the prioritized set (checked before, in bulk). KEYS:
 * the queue's wait list, prioritized set, `active` list and the ledger of taken jobs. ARGV: [1] the prefix
 * of its job keys, [2] the queue's name, [3..] task ids. A job is present when its id waits in the list or
 * set, or a claim has it (on the ledger); anything else is missing, and whatever is left of it (a hash with
 * no place, or a job an older release left in `active` with its lock) is removed so that BullMQ's add,
 * which ignores an id whose hash exists, adds it afresh. Answers the missing ids.
 */
export const missingScript = luaScript(`
${dropJob}
local taking = {}
local mark = ARGV[2] .. '|'
for _, member in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do
  if string.sub(member, 1, #mark) == mark then
    local rest = string.sub(member, #mark + 1)
    local bar = string.find(rest, '|', 1, true)
    if bar then taking[string.sub(rest, 1, bar - 1)] = true end
  end
end
local missing = {}
for i = 3, #ARGV do
  local id = ARGV[i]
  if not taking[id] and not redis.call('ZSCORE', KEYS[2], id) and not redis.call('LPOS', KEYS[1], id) then
    local jobKey = ARGV[1] .. id
    if redis.call('LREM', KEYS[3], 0, id) > 0 or redis.call('EXISTS', jobKey) == 1 then dropJob(jobKey) end
    missing[#missing + 1] = id
  end
end
return missing
`);
