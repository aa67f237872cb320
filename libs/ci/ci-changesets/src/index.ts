export {
  checkChangesets,
  packagesOfChangeset,
  renderGate,
  type GateRequest,
  type GateResult,
  type UncoveredPackage,
} from './ci-changesets';
