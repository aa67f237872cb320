export {
  explainAffected,
  renderAffected,
  type AffectedProject,
  type AffectedRequest,
  type AffectedResult,
  type TouchReason,
} from './ci-affected';
