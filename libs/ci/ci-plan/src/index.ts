export {
  makePlan,
  parseShardSpec,
  readPlanFile,
  renderPlan,
  shardCommands,
  shardMatrix,
  type PlanFile,
  type PlanRequest,
} from './ci-plan';
export { estimateDurationMs, readDurationsFile } from './durations';
export { lowerBound, planShards, type PlanTask, type Shard, type ShardPlan } from './plan';
export { runNxShare, type ShardRunResult } from './nx-tasks';
