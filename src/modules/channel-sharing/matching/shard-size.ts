/** A run is cut into at least this many shards, so that every worker gets a share of a mid-sized cluster… */
const MIN_SHARDS = 16;
/** …unless shards would be smaller than this (a shard is a job and a transaction: too small costs more than it splits). */
const MIN_SHARD_CHANNELS = 100;

/** Host channels per shard: at most the configured size; smaller for mid-sized runs, so two or more workers split them evenly. */
export function shardSize(channels: number, configured: number): number {
  return Math.min(configured, Math.max(MIN_SHARD_CHANNELS, Math.ceil(channels / MIN_SHARDS)));
}
